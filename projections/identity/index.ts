export * from './identity-docs';
export { identityProjection, USERS_COLLECTION, API_KEYS_COLLECTION } from './projection';
export * from './queries';
