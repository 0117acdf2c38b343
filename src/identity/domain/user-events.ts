import type { District } from '../../issues/domain/vocabulary';
import type { Role } from '../access/access-policy';

/**
 * The User aggregate's events (one stream per user, `user-<username>`): plain past-tense
 * facts. `passwordHash` is an argon2id hash; it stays in the store: the audit trail and every
 * answer leave it out (see `publicEventData`).
 */
export type UserCreated = {
  type: 'UserCreated';
  data: {
    username: string;
    displayName: string;
    role: Role;
    district: District | null;
    passwordHash: string;
    occurredAt: string;
  };
};

/** New name, role or district; `accessChanged` when role or district moved (sessions end). */
export type UserChanged = {
  type: 'UserChanged';
  data: {
    username: string;
    displayName: string;
    role: Role;
    district: District | null;
    accessChanged: boolean;
    occurredAt: string;
  };
};

export type UserDisabled = { type: 'UserDisabled'; data: { username: string; occurredAt: string } };
export type UserEnabled = { type: 'UserEnabled'; data: { username: string; occurredAt: string } };

export type PasswordChanged = {
  type: 'PasswordChanged';
  data: { username: string; passwordHash: string; occurredAt: string };
};

/** A session began: the token of `sessionId` is good until `expiresAt` unless ended before. */
export type UserSignedIn = {
  type: 'UserSignedIn';
  data: { username: string; sessionId: string; expiresAt: string; address: string; occurredAt: string };
};

export type UserSignedOut = {
  type: 'UserSignedOut';
  data: { username: string; sessionId: string; occurredAt: string };
};

export const SIGN_IN_REFUSAL_REASONS = ['wrong-password', 'disabled'] as const;
export type SignInRefusalReason = (typeof SIGN_IN_REFUSAL_REASONS)[number];

/** A refused sign-in for this (known) username; `failures` counts the refusals in the window. */
export type SignInRefused = {
  type: 'SignInRefused';
  data: {
    username: string;
    reason: SignInRefusalReason;
    address: string;
    failures: number;
    occurredAt: string;
  };
};

/** Too many refusals: every sign-in is refused until `until`, without further events. */
export type UserLockedOut = {
  type: 'UserLockedOut';
  data: { username: string; until: string; failures: number; address: string; occurredAt: string };
};

export type UserEvent =
  | UserCreated
  | UserChanged
  | UserDisabled
  | UserEnabled
  | PasswordChanged
  | UserSignedIn
  | UserSignedOut
  | SignInRefused
  | UserLockedOut;

export const USER_EVENT_TYPES = [
  'UserCreated',
  'UserChanged',
  'UserDisabled',
  'UserEnabled',
  'PasswordChanged',
  'UserSignedIn',
  'UserSignedOut',
  'SignInRefused',
  'UserLockedOut',
] as const satisfies ReadonlyArray<UserEvent['type']>;
