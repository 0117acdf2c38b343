import { get, request } from './http';
import type { LoginAnswer, Principal } from './types';

export const signIn = (username: string, password: string) =>
  request<LoginAnswer>('POST', '/auth/login', { body: { username, password } });

export const signOut = () => request<null>('POST', '/auth/logout');

/** The signed-in principal; an ApiError 401 when nobody is. */
export const whoAmI = (signal?: AbortSignal) => get<Principal>('/auth/me', {}, signal);
