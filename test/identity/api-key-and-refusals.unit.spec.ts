import {
  decideApiKey,
  decideUnknownSignIn,
  evolveApiKey,
  evolveUnknownSignIns,
  initialApiKeyState,
  initialUnknownSignInState,
  PER_ADDRESS,
  PER_WINDOW,
  signInRefusalsStreamId,
  windowStart,
  type ApiKeyEvent,
  type UnknownSignInEvent,
} from '../../src/identity/domain';
import { InvalidCommandError, NotFoundError } from '../../src/shared-kernel/domain-errors';

const now = new Date('2023-03-10T02:07:00.000Z');
const createdKey: ApiKeyEvent = {
  type: 'ApiKeyCreated',
  data: {
    keyId: 'k1',
    name: '12345 热线',
    role: 'district-bureau',
    district: 'huli',
    keyHash: 'h',
    occurredAt: now.toISOString(),
  },
};
const keyState = (events: ApiKeyEvent[]) => events.reduce(evolveApiKey, initialApiKeyState());

describe('API keys', () => {
  it('creates a key for a role and its district', () => {
    expect(
      decideApiKey(
        {
          type: 'CreateApiKey',
          data: { name: ' 12345 热线 ', role: 'district-bureau', district: 'huli', keyHash: 'h' },
          metadata: { now },
        },
        keyState([]),
        'k1',
      ),
    ).toEqual([createdKey]);
  });

  it('never makes an admin key', () => {
    expect(() =>
      decideApiKey(
        {
          type: 'CreateApiKey',
          data: { name: 'x', role: 'admin', district: null, keyHash: 'h' },
          metadata: { now },
        },
        keyState([]),
        'k1',
      ),
    ).toThrow(InvalidCommandError);
  });

  it('revokes once; revoking again records nothing; an unknown key is not found', () => {
    const revoke = { type: 'RevokeApiKey' as const, data: {}, metadata: { now } };
    expect(decideApiKey(revoke, keyState([createdKey]), 'k1')).toEqual([
      { type: 'ApiKeyRevoked', data: { keyId: 'k1', occurredAt: now.toISOString() } },
    ]);
    const revoked = keyState([
      createdKey,
      { type: 'ApiKeyRevoked', data: { keyId: 'k1', occurredAt: now.toISOString() } },
    ]);
    expect(revoked.status).toBe('revoked');
    expect(decideApiKey(revoke, revoked, 'k1')).toEqual([]);
    expect(() => decideApiKey(revoke, keyState([]), 'k2')).toThrow(NotFoundError);
  });
});

describe('refused sign-ins for unknown usernames', () => {
  const record = (
    state: ReturnType<typeof initialUnknownSignInState>,
    address: string,
    username = 'nobody',
  ) =>
    decideUnknownSignIn(
      { type: 'RecordUnknownSignIn', data: { username, address }, metadata: { now } },
      state,
    );
  const fold = (events: UnknownSignInEvent[]) =>
    events.reduce(evolveUnknownSignIns, initialUnknownSignInState());

  it('are kept per 15-minute window', () => {
    expect(windowStart(now).toISOString()).toBe('2023-03-10T02:00:00.000Z');
    expect(signInRefusalsStreamId(windowStart(now))).toBe('signin-refusals-202303100200');
  });

  it(`record at most ${PER_ADDRESS} from one address, saying so on the last`, () => {
    const events: UnknownSignInEvent[] = [];
    for (let i = 0; i < PER_ADDRESS + 3; i++) events.push(...record(fold(events), '10.0.0.66'));
    expect(events).toHaveLength(PER_ADDRESS);
    expect(events.map((e) => e.data.capReached)).toEqual([
      ...Array<null>(PER_ADDRESS - 1).fill(null),
      'address',
    ]);
    // Another address is still heard.
    expect(record(fold(events), '10.0.0.67')).toHaveLength(1);
  });

  it(`record at most ${PER_WINDOW} in a window from all addresses`, () => {
    const events: UnknownSignInEvent[] = [];
    for (let i = 0; i < PER_WINDOW + 10; i++) events.push(...record(fold(events), `10.0.${i}.1`));
    expect(events).toHaveLength(PER_WINDOW);
    expect(events[PER_WINDOW - 1].data.capReached).toBe('window');
  });

  it('keep at most 64 characters of what was typed', () => {
    const [event] = record(fold([]), '10.0.0.1', 'x'.repeat(5000));
    expect(event.data.username).toHaveLength(64);
  });
});
