import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IsVisible } from '../../http/validators';
import { DISTRICTS, type District } from '../../issues/domain/vocabulary';
import { ROLES, type Role } from '../access/access-policy';
import { PASSWORD_MAX } from '../domain/password-rule';

const ROLE_MESSAGE = `$property must be one of: ${ROLES.join(', ')}`;
const DISTRICT_MESSAGE = `$property must be one of: ${DISTRICTS.join(', ')}`;
const PASSWORD_RULE =
  'At least 10 characters with at least three of lower case, upper case, digits and symbols';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: '$property must be a string' })
  @IsVisible()
  @MaxLength(200)
  username!: string;

  @ApiProperty({ example: 'the password' })
  @IsString({ message: '$property must be a string' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class CreateUserDto {
  @ApiProperty({ description: 'Lower-case letters, digits, ".", "_", "-"', example: 'siming-group' })
  @IsString({ message: '$property must be a string' })
  @MaxLength(64, { message: '$property must be at most 64 characters' })
  username!: string;

  @ApiProperty({ example: '驻思明区工作组' })
  @IsString({ message: '$property must be a string' })
  @IsVisible()
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiPropertyOptional({ enum: DISTRICTS, description: 'Required for work-group and district-bureau' })
  @IsOptional()
  @IsIn(DISTRICTS, { message: DISTRICT_MESSAGE })
  district?: District;

  @ApiProperty({ description: PASSWORD_RULE })
  @IsString({ message: '$property must be a string' })
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class ChangeUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @IsVisible()
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role?: Role;

  @ApiPropertyOptional({ enum: DISTRICTS, nullable: true, description: 'null removes it (city-wide roles)' })
  @ValidateIf((_object, value) => value !== undefined && value !== null)
  @IsIn(DISTRICTS, { message: DISTRICT_MESSAGE })
  district?: District | null;

  @ApiPropertyOptional({ description: 'true ends every session of the user at once' })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  disabled?: boolean;
}

export class SetPasswordDto {
  @ApiProperty({ description: PASSWORD_RULE })
  @IsString({ message: '$property must be a string' })
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @ApiPropertyOptional({ description: 'Required when users change their own password' })
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @MaxLength(PASSWORD_MAX)
  currentPassword?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '12345 referral gateway' })
  @IsString({ message: '$property must be a string' })
  @IsVisible()
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  name!: string;

  @ApiProperty({ enum: ROLES.filter((r) => r !== 'admin') })
  @IsIn(ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiPropertyOptional({ enum: DISTRICTS })
  @IsOptional()
  @IsIn(DISTRICTS, { message: DISTRICT_MESSAGE })
  district?: District;
}
