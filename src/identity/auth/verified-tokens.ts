import type { KeyObject } from 'node:crypto';
import { tokenExpired, verifyToken, type TokenClaims } from './tokens';

/** Tokens remembered at most (a few hundred bytes each); beyond it the oldest is forgotten. */
const MAX_TOKENS = 4_096;

/**
 * The claims of access tokens whose signature was already checked, by the exact token string.
 * A client sends the same token with every request, and jose's check (base64url, JSON, HMAC,
 * claims) was ~7% of the main thread under `POST /issues` at concurrency 16 (issue 13); a
 * remembered token skips it. Only that is skipped: its expiry is compared with `now` on every
 * call, and the session, access version and status are still read from the user's stream by
 * the caller every time. Only accepted tokens are remembered (an edited token is another
 * string, checked afresh), and all of them are forgotten if the key ever changes.
 */
export class VerifiedTokens {
  private readonly claims = new Map<string, Readonly<TokenClaims>>();
  private key: KeyObject | Uint8Array | null = null;

  constructor(private readonly capacity = MAX_TOKENS) {}

  /** verifyToken, for a token string not checked before with this key. @throws TokenRefused */
  async verify(token: string, key: KeyObject | Uint8Array, now: Date): Promise<Readonly<TokenClaims>> {
    if (key !== this.key) {
      this.claims.clear();
      this.key = key;
    }
    const known = this.claims.get(token);
    if (known) {
      // jose's own rule: expired once `exp` (whole seconds) is not after now.
      if (known.expiresAt.getTime() <= now.getTime()) {
        this.claims.delete(token);
        throw tokenExpired();
      }
      return known;
    }
    const claims = Object.freeze(await verifyToken(token, key, now));
    // Remembered only under the key it was checked with (the key cannot change meanwhile today).
    if (key === this.key) {
      if (this.claims.size >= this.capacity) this.claims.delete(this.claims.keys().next().value!);
      this.claims.set(token, claims);
    }
    return claims;
  }
}
