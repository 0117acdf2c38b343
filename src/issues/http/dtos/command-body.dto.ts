import { IsTime } from '../../../http/validators';

/** Every command may say when it happened in the field; the store adds `recordedAt` itself. */
export abstract class CommandBodyDto {
  @IsTime('When it happened in the field; defaults to now. Not in the future, not before 2000.', false)
  occurredAt?: string;
}
