import { InvalidCommandError, NotFoundError, StateConflictError } from '../../shared-kernel/domain-errors';
import type { District } from '../../issues/domain/vocabulary';
import { isDistrictRole, type Role } from '../access/access-policy';
import { checkRoleDistrict } from './role-district';
import type { UserEvent } from './user-events';
import type { UserState } from './user-state';

/**
 * The User aggregate's commands. Time comes in `metadata.now`; hashes are computed by the
 * caller (argon2 is not pure), so `decide` only sees them. A sign-in arrives with the outcome
 * of the password check and the hash it was checked against: a password changed in between
 * makes the check stale, and a stale check counts as a refusal.
 */
type Command<Type extends string, Data> = { type: Type; data: Data; metadata: { now: Date } };

export type CreateUser = Command<
  'CreateUser',
  { displayName: string; role: Role; district: District | null; passwordHash: string }
>;
export type ChangeUser = Command<
  'ChangeUser',
  { displayName?: string; role?: Role; district?: District | null; disabled?: boolean }
>;
export type ChangePassword = Command<'ChangePassword', { passwordHash: string }>;
export type RecordSignIn = Command<
  'RecordSignIn',
  { passwordMatched: boolean; checkedHash: string; sessionId: string; expiresAt: Date; address: string }
>;
export type SignOut = Command<'SignOut', { sessionId: string }>;

export type UserCommand = CreateUser | ChangeUser | ChangePassword | RecordSignIn | SignOut;

/** Lock-out: this many refusals for one user within the window lock it for `LOCK_MS`. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** True while `state` is locked out at `now`: sign-ins are refused and nothing is recorded. */
export const isLockedOut = (state: UserState, now: Date): boolean =>
  state.lockedUntil !== null && now.toISOString() < state.lockedUntil;

/** Decides one command on the stream of `username`. */
export function decideUser(command: UserCommand, state: UserState, username: string): UserEvent[] {
  const occurredAt = command.metadata.now.toISOString();
  if (command.type !== 'CreateUser' && state.status === 'absent') {
    throw new NotFoundError(`user ${username} does not exist`);
  }
  switch (command.type) {
    case 'CreateUser': {
      const { data } = command;
      if (state.status !== 'absent') throw new StateConflictError(`username ${username} is taken`);
      checkRoleDistrict(data.role, data.district);
      if (!data.displayName.trim()) throw new InvalidCommandError('displayName', 'must not be blank');
      return [
        {
          type: 'UserCreated',
          data: { ...data, username, displayName: data.displayName.trim(), occurredAt },
        },
      ];
    }
    case 'ChangeUser': {
      const { data } = command;
      const role = data.role ?? state.role;
      // A role that acts city-wide drops the district unless one is (wrongly) given.
      const district =
        data.district !== undefined ? data.district : isDistrictRole(role) ? state.district : null;
      checkRoleDistrict(role, district);
      const displayName = data.displayName?.trim() ?? state.displayName;
      if (!displayName) throw new InvalidCommandError('displayName', 'must not be blank');
      const events: UserEvent[] = [];
      if (displayName !== state.displayName || role !== state.role || district !== state.district) {
        const accessChanged = role !== state.role || district !== state.district;
        events.push({
          type: 'UserChanged',
          data: { username, displayName, role, district, accessChanged, occurredAt },
        });
      }
      if (data.disabled === true && state.status === 'active')
        events.push({ type: 'UserDisabled', data: { username, occurredAt } });
      if (data.disabled === false && state.status === 'disabled')
        events.push({ type: 'UserEnabled', data: { username, occurredAt } });
      return events;
    }
    case 'ChangePassword':
      return [
        { type: 'PasswordChanged', data: { username, passwordHash: command.data.passwordHash, occurredAt } },
      ];
    case 'RecordSignIn': {
      const { data } = command;
      const now = command.metadata.now;
      if (isLockedOut(state, now)) return [];
      const accepted =
        data.passwordMatched && data.checkedHash === state.passwordHash && state.status === 'active';
      if (accepted) {
        return [
          {
            type: 'UserSignedIn',
            data: {
              username,
              sessionId: data.sessionId,
              expiresAt: data.expiresAt.toISOString(),
              address: data.address,
              occurredAt,
            },
          },
        ];
      }
      const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString();
      const failures = state.failures.filter((time) => time > since).length + 1;
      const reason = state.status === 'disabled' ? 'disabled' : 'wrong-password';
      const events: UserEvent[] = [
        { type: 'SignInRefused', data: { username, reason, address: data.address, failures, occurredAt } },
      ];
      if (failures >= LOCKOUT_FAILURES) {
        const until = new Date(now.getTime() + LOCK_MS).toISOString();
        events.push({
          type: 'UserLockedOut',
          data: { username, until, failures, address: data.address, occurredAt },
        });
      }
      return events;
    }
    case 'SignOut':
      return command.data.sessionId in state.sessions
        ? [{ type: 'UserSignedOut', data: { username, sessionId: command.data.sessionId, occurredAt } }]
        : [];
    default: {
      const unexpected: never = command;
      throw new InvalidCommandError('type', `unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}
