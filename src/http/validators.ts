import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';

/** ISO-8601 date-time with an explicit offset (`Z` or `+08:00`): a time without one is ambiguous. */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function IsTime(description: string, required = true) {
  return applyDecorators(
    ...(required
      ? [ApiProperty({ description, example: '2023-03-15T09:30:00+08:00' })]
      : [ApiPropertyOptional({ description, example: '2023-03-15T09:30:00+08:00' }), IsOptional()]),
    IsISO8601(
      { strict: true },
      { message: '$property must be an ISO-8601 date-time, e.g. 2023-03-15T09:30:00+08:00' },
    ),
    Matches(WITH_OFFSET, {
      message: '$property must include a time and an offset, e.g. 2023-03-15T09:30:00+08:00',
    }),
  );
}

/**
 * Characters that show nothing: white space, control characters (NUL …), format characters
 * (zero-width spaces and joiners, the BOM, bidi marks, soft hyphens) and the blank fillers.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** True for text a person can see: something is left once the invisible characters are gone. */
export const isVisibleText = (value: unknown): boolean =>
  typeof value === 'string' && value.replace(INVISIBLE, '').length > 0;

/** Refuses text that is blank once invisible characters are removed. */
export const IsVisible = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isVisible', validator: { validate: isVisibleText } },
    { message: '$property must not be blank (invisible characters alone do not count)', ...options },
  );

/** A required, non-blank string (who did it, what to do) with a sane length cap. */
export function IsText(description: string, maxLength = 2000, example?: string) {
  return applyDecorators(
    ApiProperty({ description, maxLength, example }),
    IsString({ message: '$property must be a string' }),
    IsVisible(),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );
}

/** Who acted, for the record: optional, the signed-in principal's display name by default. */
export function IsPersonField(description: string) {
  return applyDecorators(
    ApiPropertyOptional({
      description: `${description}; defaults to the signed-in user's display name`,
      maxLength: 100,
    }),
    IsOptional(),
    IsString({ message: '$property must be a string' }),
    IsVisible(),
    MaxLength(100, { message: '$property must be at most 100 characters' }),
  );
}

export function IsOptionalText(description: string, maxLength = 4000) {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength }),
    IsOptional(),
    IsString({ message: '$property must be a string' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );
}

export { IsNotEmpty };

/** One value of a closed vocabulary; the error lists the allowed values. */
export function IsOneOf(values: readonly string[], description?: string) {
  return applyDecorators(
    ApiProperty({ enum: values as string[], description }),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}
