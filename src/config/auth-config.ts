/** Sign-in, tokens and the HTTP edge, from the environment (see the README's configuration table). */
export interface AuthConfig {
  /**
   * Key that signs tokens and cursors; every engine of a deployment must share it. Null: the
   * first engine generates one and keeps it in the shared event store.
   */
  signingKey: string | null;
  /** How long a token (and the session cookie) lasts. */
  tokenTtlMs: number;
  /** Sign-in tries one client address may make per minute. */
  loginRatePerMinute: number;
  /** The initial admin's password; null: generated and written to DATA_DIR/initial-admin-password. */
  adminPassword: string | null;
  /** Origins whose pages may call the API from a browser (CORS); empty: none but the engine's own. */
  corsOrigins: string[];
  /**
   * Which proxies in front of the engine to believe about the client's address and protocol
   * (X-Forwarded-For/-Proto): false (none), true (any), a number of hops, or their addresses.
   * The sign-in rate limit counts per client address, and the session cookie is Secure over TLS.
   */
  trustProxy: boolean | number | string[];
}

function trustProxy(raw: string | undefined): AuthConfig['trustProxy'] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  if (addresses.some((a) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(a))) {
    throw new Error(
      `TRUST_PROXY must be true, a number of proxies, or their addresses (10.0.0.1,10.1.0.0/16), got "${raw}"`,
    );
  }
  return addresses;
}

const TTL_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function ttl(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8 * TTL_UNITS.h;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  const ms = match ? Number(match[1]) * TTL_UNITS[match[2] || 's'] : NaN;
  if (!(ms >= 60_000 && ms <= 30 * TTL_UNITS.d)) {
    throw new Error(`AUTH_TOKEN_TTL must be 1m to 30d, e.g. 8h, 30m or 3600 (seconds), got "${raw}"`);
  }
  return ms;
}

export function authConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const signingKey = env.AUTH_SIGNING_KEY || null;
  if (signingKey !== null && signingKey.length < 32) {
    throw new Error(
      'AUTH_SIGNING_KEY must be at least 32 characters, e.g. the output of `openssl rand -base64 32`',
    );
  }
  const rate = env.AUTH_LOGIN_RATE || '30';
  if (!/^\d+$/.test(rate) || Number(rate) < 1 || Number(rate) > 10_000) {
    throw new Error(
      `AUTH_LOGIN_RATE must be a whole number of sign-in tries per minute (1 to 10000), got "${rate}"`,
    );
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  for (const origin of corsOrigins) {
    let ok: boolean;
    try {
      const url = new URL(origin);
      ok = ['http:', 'https:'].includes(url.protocol) && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok)
      throw new Error(
        `CORS_ORIGINS must be comma-separated origins like https://board.example.org, got "${origin}"`,
      );
  }
  return {
    signingKey,
    tokenTtlMs: ttl(env.AUTH_TOKEN_TTL),
    loginRatePerMinute: Number(rate),
    adminPassword: env.ADMIN_PASSWORD || null,
    corsOrigins,
    trustProxy: trustProxy(env.TRUST_PROXY),
  };
}
