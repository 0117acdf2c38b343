/**
 * The streams of the identity feature: one per user, one per API key, one per 15-minute window
 * of refused sign-ins for unknown usernames, and one holding the generated signing key.
 */
export const userStreamId = (username: string): string => `user-${username}`;
export const apiKeyStreamId = (keyId: string): string => `apikey-${keyId}`;
export const signInRefusalsStreamId = (windowStart: Date): string =>
  `signin-refusals-${windowStart.toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
export const SIGNING_KEY_STREAM = 'auth-signing-key';

/** Streams whose events are users, keys and sign-ins: the identity part of the audit trail. */
export const IDENTITY_STREAM_PREFIXES = ['user-', 'apikey-', 'signin-refusals-'] as const;
/** Every identity stream an adapter with stream filters (EventStoreDB) must read. */
export const ALL_IDENTITY_STREAM_PREFIXES = [...IDENTITY_STREAM_PREFIXES, SIGNING_KEY_STREAM] as const;

export const isIdentityStream = (streamId: string): boolean =>
  IDENTITY_STREAM_PREFIXES.some((prefix) => streamId.startsWith(prefix));

/** Usernames: lower-case letters, digits and `.` `_` `-`, 2 to 64 characters, a letter or digit first. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
