import type { StreamType } from '../../command-handling/decider';
import { evolveApiKey, initialApiKeyState, type ApiKeyEvent, type ApiKeyState } from './api-key';
import {
  evolveUnknownSignIns,
  initialUnknownSignInState,
  type UnknownSignInEvent,
  type UnknownSignInState,
} from './unknown-sign-ins';
import type { UserEvent } from './user-events';
import { evolveUser, initialUserState, type UserState } from './user-state';

/** How the generic command path (handleCommand) folds each identity stream. All at schema 1. */
export const userStream: StreamType<UserEvent, UserState> = {
  initialState: initialUserState,
  evolve: evolveUser,
  schemaVersionOf: () => 1,
};

export const apiKeyStream: StreamType<ApiKeyEvent, ApiKeyState> = {
  initialState: initialApiKeyState,
  evolve: evolveApiKey,
  schemaVersionOf: () => 1,
};

export const unknownSignInStream: StreamType<UnknownSignInEvent, UnknownSignInState> = {
  initialState: initialUnknownSignInState,
  evolve: evolveUnknownSignIns,
  schemaVersionOf: () => 1,
};
