import type { AccessRule } from '../../shared-kernel/access-rule';

const WRITERS = ['work-group', 'division', 'leadership'] as const;
const READERS = ['work-group', 'district-bureau', 'division', 'leadership', 'supervisor'] as const;

/**
 * Who may do what with a work group's daily record (shared/API-reviews.md), as data for the
 * identity feature's access policy to enforce: "Only the group's own work-group users (and
 * division, leadership) write its record". `scope: 'own-district'` means a district-scoped
 * role acts only on the `:district` of the route; city-wide roles act on every district.
 * Reading follows the rankings: every signed-in principal reads every group's record (晾晒).
 * Until that policy is plugged in, the routes record the body's person field as the actor.
 */
export const RECORD_ACCESS: readonly AccessRule[] = [
  {
    route: 'POST /groups/:district/record',
    command: 'RecordActivity',
    roles: WRITERS,
    scope: 'own-district',
  },
  {
    route: 'POST /groups/:district/record/:entryId/correction',
    command: 'CorrectActivity',
    roles: WRITERS,
    scope: 'own-district',
  },
  {
    route: 'POST /groups/:district/record/:entryId/withdrawal',
    command: 'WithdrawActivity',
    roles: WRITERS,
    scope: 'own-district',
  },
  {
    route: 'POST /groups/:district/practices',
    command: 'TransferPractice',
    roles: WRITERS,
    scope: 'own-district',
  },
  { route: 'GET /groups/:district/record', command: null, roles: READERS, scope: 'any' },
  { route: 'GET /groups/:district/practices', command: null, roles: READERS, scope: 'any' },
];
