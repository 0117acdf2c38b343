import type { District } from '../../issues/domain/vocabulary';
import type { Role } from '../access/access-policy';
import type { UserEvent } from './user-events';

/**
 * What the decider and the authenticator need to know about one user, folded from its
 * stream. `accessVersion` grows with every change that must end the user's sessions (role,
 * district, password, disabling); a token carries the version it was issued at.
 */
export interface UserState {
  status: 'absent' | 'active' | 'disabled';
  username: string;
  displayName: string;
  role: Role;
  district: District | null;
  passwordHash: string;
  accessVersion: number;
  /** Open sessions: id → expiry (ISO). Sessions past their expiry are dropped as time goes on. */
  sessions: Readonly<Record<string, string>>;
  /** Times of the refused sign-ins since the last successful one or the last lock-out. */
  failures: readonly string[];
  lockedUntil: string | null;
}

export const initialUserState = (): UserState => ({
  status: 'absent',
  username: '',
  displayName: '',
  role: 'work-group',
  district: null,
  passwordHash: '',
  accessVersion: 0,
  sessions: {},
  failures: [],
  lockedUntil: null,
});

/** Keeps the sessions still open at `time`. */
const openAt = (sessions: Readonly<Record<string, string>>, time: string): Record<string, string> =>
  Object.fromEntries(Object.entries(sessions).filter(([, expiresAt]) => expiresAt > time));

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated': {
      const { username, displayName, role, district, passwordHash } = event.data;
      return { ...initialUserState(), status: 'active', username, displayName, role, district, passwordHash };
    }
    case 'UserChanged': {
      const { displayName, role, district, accessChanged } = event.data;
      return accessChanged
        ? { ...state, displayName, role, district, accessVersion: state.accessVersion + 1, sessions: {} }
        : { ...state, displayName, role, district };
    }
    case 'UserDisabled':
      return { ...state, status: 'disabled', accessVersion: state.accessVersion + 1, sessions: {} };
    case 'UserEnabled':
      return { ...state, status: 'active' };
    case 'PasswordChanged':
      // A new password is also how an operator lets a locked-out user back in.
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        accessVersion: state.accessVersion + 1,
        sessions: {},
        failures: [],
        lockedUntil: null,
      };
    case 'UserSignedIn':
      return {
        ...state,
        sessions: {
          ...openAt(state.sessions, event.data.occurredAt),
          [event.data.sessionId]: event.data.expiresAt,
        },
        failures: [],
      };
    case 'UserSignedOut': {
      const { [event.data.sessionId]: _ended, ...rest } = state.sessions;
      return { ...state, sessions: rest };
    }
    case 'SignInRefused':
      return { ...state, failures: [...state.failures, event.data.occurredAt] };
    case 'UserLockedOut':
      return { ...state, failures: [], lockedUntil: event.data.until };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown user event ${JSON.stringify(unexpected)}`);
    }
  }
}
