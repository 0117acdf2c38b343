import type { Page, ReadStore } from '../../src/ports/read-store';
import type { ApiKeyDoc, UserDoc } from './identity-docs';
import { API_KEYS_COLLECTION, USERS_COLLECTION } from './projection';

export const listUsers = (
  readStore: ReadStore,
  page: { limit?: number; cursor?: string | null },
): Promise<Page<UserDoc>> =>
  readStore.find(USERS_COLLECTION, { orderBy: [{ field: 'username', direction: 'asc' }], ...page });

export const listApiKeys = (
  readStore: ReadStore,
  page: { limit?: number; cursor?: string | null },
): Promise<Page<ApiKeyDoc>> =>
  readStore.find(API_KEYS_COLLECTION, { orderBy: [{ field: 'createdAt', direction: 'asc' }], ...page });
