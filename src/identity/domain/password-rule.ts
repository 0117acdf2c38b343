import { InvalidCommandError } from '../../shared-kernel/domain-errors';

/** Long enough for a passphrase, short enough that hashing it is never a denial of service. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const CLASSES: Array<[string, RegExp]> = [
  ['lower case', /\p{Ll}/u],
  ['upper case', /\p{Lu}/u],
  ['digits', /\p{Nd}/u],
  ['symbols', /[^\p{L}\p{Nd}\s]/u],
];

/**
 * The complexity rule of shared/API-identity.md (GB/T 22239 password complexity): at least 10
 * characters with at least three of lower case, upper case, digits and symbols.
 * @throws InvalidCommandError naming `field`, saying what is missing.
 */
export function checkPassword(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    throw new InvalidCommandError(field, `must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`);
  }
  const missing = CLASSES.filter(([, pattern]) => !pattern.test(password)).map(([name]) => name);
  if (missing.length > 1) {
    throw new InvalidCommandError(
      field,
      `must mix at least three of lower case, upper case, digits and symbols (missing: ${missing.join(', ')})`,
    );
  }
}
