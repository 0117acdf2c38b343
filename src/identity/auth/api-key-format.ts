import { createHash, randomBytes } from 'node:crypto';

/**
 * An API key is `eek_<id>_<secret>`: the prefix lets secret scanners find leaked keys, the id
 * (16 hex digits) names the key's stream, the secret (32 random bytes, base64url) proves it.
 * Only SHA-256 of the secret is stored: the secret is random, so no slow hash is needed.
 */
const KEY_PATTERN = /^eek_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

export function newApiKey(): { keyId: string; key: string; keyHash: string } {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `eek_${keyId}_${secret}`, keyHash: createHash('sha256').update(secret).digest('hex') };
}

export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { keyId: match[1], secret: match[2] } : null;
}
