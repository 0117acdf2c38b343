import type { AccessRule } from '../shared-kernel/access-rule';

const ALL_SIGNED_IN = ['work-group', 'district-bureau', 'division', 'leadership', 'supervisor'] as const;

/**
 * Who may do what with the reviews (shared/API-reviews.md), as data for the identity
 * feature's access policy: drafted by supervisor, division or leadership; appeals filed by
 * the appealing district's own work group (`own-district`: the body's `district`); decided
 * by supervisor or leadership; published by leadership only. The domain rules that are not
 * about roles (appeals only in draft, publication once every appeal is decided, a published
 * review never changes) live in the review decider. Reviews are read by every signed-in
 * principal: the bureau's reviews are public inside the bureau (晾晒).
 */
export const REVIEW_ACCESS: readonly AccessRule[] = [
  {
    route: 'POST /reviews',
    command: 'DraftReview',
    roles: ['supervisor', 'division', 'leadership'],
    scope: 'any',
  },
  { route: 'POST /reviews/:id/appeals', command: 'FileAppeal', roles: ['work-group'], scope: 'own-district' },
  {
    route: 'POST /reviews/:id/appeals/:appealId/decision',
    command: 'DecideAppeal',
    roles: ['supervisor', 'leadership'],
    scope: 'any',
  },
  { route: 'POST /reviews/:id/publication', command: 'PublishReview', roles: ['leadership'], scope: 'any' },
  { route: 'GET /reviews', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
  { route: 'GET /reviews/:id', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
  { route: 'GET /reviews/:id/export.xlsx', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
  { route: 'GET /reviews/:id/export.csv', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
  { route: 'GET /reviews/:id/print', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
  { route: 'GET /groups/performance/export.xlsx', command: null, roles: ALL_SIGNED_IN, scope: 'any' },
];
