/** Injection token for the ProjectionLease this process competes for (see projection-lease.ts). */
export const PROJECTION_LEASE = Symbol('PROJECTION_LEASE');
