import type { District } from '../../issues/domain/vocabulary';
import type { Role } from '../access/access-policy';

/**
 * The ApiKey aggregate (one stream per key, `apikey-<id>`): a machine client's credential.
 * Only `keyHash` (SHA-256 of the secret part) is kept; the key itself is shown once.
 */
export type ApiKeyCreated = {
  type: 'ApiKeyCreated';
  data: {
    keyId: string;
    name: string;
    role: Role;
    district: District | null;
    keyHash: string;
    occurredAt: string;
  };
};
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { keyId: string; occurredAt: string } };

export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;
export const API_KEY_EVENT_TYPES = ['ApiKeyCreated', 'ApiKeyRevoked'] as const satisfies ReadonlyArray<
  ApiKeyEvent['type']
>;

export interface ApiKeyState {
  status: 'absent' | 'active' | 'revoked';
  keyId: string;
  name: string;
  role: Role;
  district: District | null;
  keyHash: string;
}

export const initialApiKeyState = (): ApiKeyState => ({
  status: 'absent',
  keyId: '',
  name: '',
  role: 'work-group',
  district: null,
  keyHash: '',
});

export function evolveApiKey(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyCreated': {
      const { keyId, name, role, district, keyHash } = event.data;
      return { status: 'active', keyId, name, role, district, keyHash };
    }
    case 'ApiKeyRevoked':
      return { ...state, status: 'revoked' };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown API key event ${JSON.stringify(unexpected)}`);
    }
  }
}
