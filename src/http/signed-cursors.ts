import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SigningKeys } from '../identity/auth/signing-keys';
import { InvalidCommandError } from '../shared-kernel/domain-errors';

/**
 * Page cursors as clients see them: the read store's keyset cursor plus an HMAC over it and
 * the list it belongs to, so a cursor is only ever one this deployment gave out for this list
 * (any engine of it: the key is the shared signing key's).
 */
@Injectable()
export class SignedCursors {
  constructor(private readonly keys: SigningKeys) {}

  sign(list: string, cursor: string | null): string | null {
    return cursor === null ? null : `${cursor}.${this.mac(list, cursor)}`;
  }

  /** @throws InvalidCommandError (400 naming `cursor`) for a cursor this list did not give out. */
  open(list: string, signed: string | undefined): string | undefined {
    if (signed === undefined) return undefined;
    const dot = signed.lastIndexOf('.');
    const cursor = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(list, cursor));
    if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCommandError('cursor', 'is not a cursor this list gave out; start again without it');
    }
    return cursor;
  }

  private mac(list: string, cursor: string): string {
    return createHmac('sha256', this.keys.cursorKey())
      .update(`${list}\n${cursor}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
