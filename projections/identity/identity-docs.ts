import type { StoredEvent } from '../../src/event-store/event-store';
import type { ApiKeyEvent } from '../../src/identity/domain/api-key';
import type { UserEvent } from '../../src/identity/domain/user-events';

/** A user as GET /users lists it: never a password or a hash. */
export type UserDoc = {
  username: string;
  displayName: string;
  role: string;
  district: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  createdBy: string;
  lastSignInAt: string | null;
};

/** An API key as GET /api-keys lists it: never the key or its hash. */
export type ApiKeyDoc = {
  id: string;
  name: string;
  role: string;
  district: string | null;
  createdAt: string;
  createdBy: string;
  revoked: boolean;
  revokedAt: string | null;
};

/** Pure: the user document after one event of the user's stream. */
export function evolveUserDoc(doc: UserDoc | null, stored: StoredEvent): UserDoc | null {
  const event = stored as unknown as UserEvent;
  if (event.type === 'UserCreated') {
    const { username, displayName, role, district, occurredAt } = event.data;
    return {
      username,
      displayName,
      role,
      district,
      disabled: false,
      lockedUntil: null,
      createdAt: occurredAt,
      createdBy: stored.metadata.actor,
      lastSignInAt: null,
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'UserChanged': {
      const { displayName, role, district } = event.data;
      return { ...doc, displayName, role, district };
    }
    case 'UserDisabled':
      return { ...doc, disabled: true };
    case 'UserEnabled':
      return { ...doc, disabled: false };
    case 'PasswordChanged':
      return { ...doc, lockedUntil: null };
    case 'UserSignedIn':
      return { ...doc, lastSignInAt: event.data.occurredAt };
    case 'UserLockedOut':
      return { ...doc, lockedUntil: event.data.until };
    case 'UserSignedOut':
    case 'SignInRefused':
      return doc;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown user event ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Pure: the key document after one event of the key's stream. */
export function evolveApiKeyDoc(doc: ApiKeyDoc | null, stored: StoredEvent): ApiKeyDoc | null {
  const event = stored as unknown as ApiKeyEvent;
  switch (event.type) {
    case 'ApiKeyCreated': {
      const { keyId, name, role, district, occurredAt } = event.data;
      return {
        id: keyId,
        name,
        role,
        district,
        createdAt: occurredAt,
        createdBy: stored.metadata.actor,
        revoked: false,
        revokedAt: null,
      };
    }
    case 'ApiKeyRevoked':
      return doc && { ...doc, revoked: true, revokedAt: event.data.occurredAt };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown API key event ${JSON.stringify(unexpected)}`);
    }
  }
}
