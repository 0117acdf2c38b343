import type { StoredEvent } from '../../src/event-store/event-store';
import { API_KEY_EVENT_TYPES } from '../../src/identity/domain/api-key';
import { apiKeyStreamId, userStreamId } from '../../src/identity/domain/identity-streams';
import { USER_EVENT_TYPES } from '../../src/identity/domain/user-events';
import type { Projection } from '../../src/ports/projection';
import type { Doc, DocumentWriter } from '../../src/ports/read-store';
import { evolveApiKeyDoc, evolveUserDoc } from './identity-docs';

export const USERS_COLLECTION = 'users';
export const API_KEYS_COLLECTION = 'api_keys';

const userTypes: readonly string[] = USER_EVENT_TYPES;
const keyTypes: readonly string[] = API_KEY_EVENT_TYPES;

async function apply<T extends Doc>(
  docs: DocumentWriter,
  collection: string,
  id: string,
  evolve: (doc: T | null, event: StoredEvent) => T | null,
  event: StoredEvent,
): Promise<void> {
  const before = await docs.get<T>(collection, id);
  const after = evolve(before, event);
  if (after && after !== before) await docs.put(collection, id, after);
}

/** Users and API keys for the admin lists (GET /users, GET /api-keys). */
export const identityProjection: Projection = {
  name: 'identity',
  collections: [
    { name: USERS_COLLECTION, indexes: ['username'] },
    { name: API_KEYS_COLLECTION, indexes: ['createdAt'] },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    const data = event.data as { username?: unknown; keyId?: unknown };
    if (userTypes.includes(event.type) && typeof data.username === 'string') {
      if (event.streamId !== userStreamId(data.username)) return;
      // Sign-ins only touch lastSignInAt; refusals and sign-outs change nothing listed.
      if (event.type === 'SignInRefused' || event.type === 'UserSignedOut') return;
      await apply(docs, USERS_COLLECTION, data.username, evolveUserDoc, event);
    } else if (keyTypes.includes(event.type) && typeof data.keyId === 'string') {
      if (event.streamId !== apiKeyStreamId(data.keyId)) return;
      await apply(docs, API_KEYS_COLLECTION, data.keyId, evolveApiKeyDoc, event);
    }
  },
};
