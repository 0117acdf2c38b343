import { API_KEY_EVENT_TYPES } from './api-key';
import { UNKNOWN_SIGN_IN_EVENT_TYPES } from './unknown-sign-ins';
import { USER_EVENT_TYPES } from './user-events';

/** Every event type of the identity part of the audit trail. */
export const IDENTITY_EVENT_TYPES: readonly string[] = [
  ...USER_EVENT_TYPES,
  ...API_KEY_EVENT_TYPES,
  ...UNKNOWN_SIGN_IN_EVENT_TYPES,
];
