/** Injection token for the projections this process runs (`Projection[]`), provided by the app. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * Injection token for the upcaster (`(event: StoredEvent) => StoredEvent`) that brings every
 * event to today's shape before a projection sees it, provided by the app.
 */
export const PROJECTION_UPCASTER = Symbol('PROJECTION_UPCASTER');
