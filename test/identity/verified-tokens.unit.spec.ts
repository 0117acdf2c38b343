import { createSecretKey, randomBytes } from 'node:crypto';
import * as tokens from '../../src/identity/auth/tokens';
import { issueToken, TokenRefused } from '../../src/identity/auth/tokens';
import { VerifiedTokens } from '../../src/identity/auth/verified-tokens';
import { forgedToken, movableClock, tamperedPayload, unsigned } from './identity-helpers';

const HOUR = 3_600_000;
const key = createSecretKey(randomBytes(32));

/** A token of this key, valid for `hours` from `now`. */
const tokenFor = (username: string, now: Date, hours = 8) =>
  issueToken(
    {
      username,
      sessionId: `session-${username}`,
      accessVersion: 2,
      expiresAt: new Date(now.getTime() + hours * HOUR),
    },
    key,
    now,
  );

/**
 * The memory of verified tokens the authenticator keeps: a token string is checked by jose
 * once, then only its expiry, against the injected clock, on every request; edited, unsigned
 * and forged tokens are refused as before. (What the user's stream says, sign-out and the
 * rest, is read by the authenticator on every request: test/identity/tokens.e2e.spec.ts.)
 */
describe('verified tokens', () => {
  let verify: jest.SpyInstance;
  beforeEach(() => {
    verify = jest.spyOn(tokens, 'verifyToken');
  });
  afterEach(() => verify.mockRestore());

  it('checks a token once; the same string is served again without a second check', async () => {
    const clock = movableClock();
    const verified = new VerifiedTokens();
    const token = await tokenFor('leader', clock.now());
    const first = await verified.verify(token, key, clock.now());
    clock.advance(60_000);
    const second = await verified.verify(token, key, clock.now());
    expect(second).toEqual(first);
    expect(first).toMatchObject({ username: 'leader', sessionId: 'session-leader', accessVersion: 2 });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token once its expiry has passed by the clock it is given', async () => {
    const clock = movableClock();
    const verified = new VerifiedTokens();
    const token = await tokenFor('expiring', clock.now(), 1);
    await verified.verify(token, key, clock.now());
    clock.advance(HOUR + 1000);
    await expect(verified.verify(token, key, clock.now())).rejects.toThrow(
      new TokenRefused('the token has expired; sign in again'),
    );
    await expect(verified.verify(token, key, clock.now())).rejects.toThrow(/expired/);
  });

  it('refuses an edited, unsigned or forged copy of a remembered token, and does not remember refusals', async () => {
    const clock = movableClock();
    const verified = new VerifiedTokens();
    const token = await tokenFor('leader', clock.now());
    await verified.verify(token, key, clock.now());
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const bad = [
      tamperedPayload(token, (c) => (c.sub = 'admin')),
      unsigned(token),
      await forgedToken({ sid: claims.sid, ver: claims.ver, sub: 'leader' }),
      `${token}x`,
    ];
    for (const attempt of [...bad, ...bad])
      await expect(verified.verify(attempt, key, clock.now())).rejects.toThrow(
        /malformed or not signed by this engine/,
      );
    expect(verify).toHaveBeenCalledTimes(1 + 2 * bad.length);
  });

  it('forgets every token when the key changes, and the oldest beyond its capacity', async () => {
    const clock = movableClock();
    const verified = new VerifiedTokens(2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => tokenFor(name, clock.now())));
    for (const token of [a, b, c]) await verified.verify(token, key, clock.now());
    await verified.verify(c, key, clock.now());
    expect(verify).toHaveBeenCalledTimes(3);
    await verified.verify(a, key, clock.now());
    expect(verify).toHaveBeenCalledTimes(4);

    const otherKey = createSecretKey(randomBytes(32));
    await expect(verified.verify(c, otherKey, clock.now())).rejects.toThrow(/not signed by this engine/);
    await expect(verified.verify(c, key, clock.now())).resolves.toMatchObject({ username: 'c' });
    expect(verify).toHaveBeenCalledTimes(6);
  });
});
