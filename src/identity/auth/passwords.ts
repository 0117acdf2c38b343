import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';

/**
 * Passwords are hashed with argon2id at the library's defaults (19 MiB, 2 passes, 1 lane:
 * the OWASP baseline). `@node-rs/argon2` ships prebuilt binaries, so no toolchain is needed.
 */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A hash this build cannot read matches nothing.
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * A hash no password matches, checked for unknown usernames so that answering "wrong" takes as
 * long whether or not the user exists.
 */
export const dummyHash = (): Promise<string> => (dummy ??= hash(randomBytes(32).toString('hex')));

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// No character a shell, a URL or JSON would treat specially, so the password pastes anywhere.
const SYMBOLS = '-_.@+=';

/** A random password that meets the complexity rule: 20 characters of all four kinds, no look-alikes. */
export function generatePassword(): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]);
  while (chars.length < 20) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
