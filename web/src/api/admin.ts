import { get } from './http';
import type { ApiKeyRecord, Page, UserRecord } from './types';

const itemsOf = <T>(answer: T[] | Page<T>): T[] => (Array.isArray(answer) ? answer : answer.items);

export const listUsers = async (signal?: AbortSignal) =>
  itemsOf(await get<UserRecord[] | Page<UserRecord>>('/users', {}, signal));

export const listApiKeys = async (signal?: AbortSignal) =>
  itemsOf(await get<ApiKeyRecord[] | Page<ApiKeyRecord>>('/api-keys', {}, signal));
