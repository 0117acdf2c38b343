/**
 * The token signing key an engine generates when AUTH_SIGNING_KEY is not set: kept in the
 * shared event store (stream `auth-signing-key`), so every engine on the same store signs
 * and checks with the same key. The first engine to append wins; the others read its key.
 * Never shown: the audit trail skips this stream.
 */
export type SigningKeyCreated = { type: 'SigningKeyCreated'; data: { key: string; occurredAt: string } };

export interface SigningKeyState {
  key: string | null;
}

export const signingKeyStream = {
  initialState: (): SigningKeyState => ({ key: null }),
  evolve: (state: SigningKeyState, event: SigningKeyCreated): SigningKeyState =>
    // The first key stays: a second one can only come from a race, and the first was handed out.
    state.key === null && event.type === 'SigningKeyCreated' ? { key: event.data.key } : state,
  schemaVersionOf: (): number => 1,
};

/** Keeps the stored key, or creates `candidate` when there is none. */
export const decideSigningKey = (
  state: SigningKeyState,
  candidate: string,
  now: Date,
): SigningKeyCreated[] =>
  state.key === null
    ? [{ type: 'SigningKeyCreated', data: { key: candidate, occurredAt: now.toISOString() } }]
    : [];
