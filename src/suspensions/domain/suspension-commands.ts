import type { CommandMetadata } from '../../issues/domain/issue-commands';
import type { SuspensionScope } from './suspension-scope';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type ApproveSuspension = Command<
  'ApproveSuspension',
  { scope: SuspensionScope; from: Date; until: Date; reason: string; by: string }
>;

export type LiftSuspension = Command<'LiftSuspension', { reason: string; by: string }>;

export type SuspensionCommand = ApproveSuspension | LiftSuspension;
