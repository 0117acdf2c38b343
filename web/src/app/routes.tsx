import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AUDIT_READS, may, type Action, type Actor } from '../auth/roles';
import { APP_BASE } from './router';

export type ViewProps = { params: Record<string, string> };
type View = LazyExoticComponent<ComponentType<ViewProps>>;

/** Each view is its own chunk: the first paint loads the board, not the charts. */
const views = {
  board: lazy(() => import('../views/board/BoardView')),
  dueSoon: lazy(() => import('../views/deadlines/DueSoonView')),
  overdue: lazy(() => import('../views/deadlines/OverdueView')),
  report: lazy(() => import('../views/report/ReportIssueView')),
  issue: lazy(() => import('../views/issue/IssueView')),
  groups: lazy(() => import('../views/groups/GroupsView')),
  group: lazy(() => import('../views/group/GroupView')),
  reviews: lazy(() => import('../views/reviews/ReviewsView')),
  review: lazy(() => import('../views/reviews/ReviewView')),
  audit: lazy(() => import('../views/audit/AuditView')),
  users: lazy(() => import('../views/admin/UsersView')),
  apiKeys: lazy(() => import('../views/admin/ApiKeysView')),
} satisfies Record<string, View>;

export interface Route {
  pattern: string;
  view: View;
  /** What the principal must be allowed to see it (given several: any one of them). */
  requires: Action | readonly Action[];
}

export const ROUTES: Route[] = [
  { pattern: `${APP_BASE}/board`, view: views.board, requires: 'issues.read' },
  { pattern: `${APP_BASE}/due-soon`, view: views.dueSoon, requires: 'issues.read' },
  { pattern: `${APP_BASE}/overdue`, view: views.overdue, requires: 'issues.read' },
  { pattern: `${APP_BASE}/issues/new`, view: views.report, requires: 'issue.report' },
  { pattern: `${APP_BASE}/issues/:id`, view: views.issue, requires: 'issues.read' },
  { pattern: `${APP_BASE}/groups`, view: views.groups, requires: 'groups.read' },
  { pattern: `${APP_BASE}/groups/:district`, view: views.group, requires: 'groups.read' },
  { pattern: `${APP_BASE}/reviews`, view: views.reviews, requires: 'reviews.read' },
  { pattern: `${APP_BASE}/reviews/:id`, view: views.review, requires: 'reviews.read' },
  { pattern: `${APP_BASE}/audit`, view: views.audit, requires: AUDIT_READS },
  { pattern: `${APP_BASE}/admin/users`, view: views.users, requires: 'users.manage' },
  { pattern: `${APP_BASE}/admin/api-keys`, view: views.apiKeys, requires: 'keys.manage' },
];

/** Where a principal lands after signing in (or on `/`): the first view its role opens. */
export function homeOf(actor: Actor): string {
  if (may(actor, 'issues.read')) return `${APP_BASE}/board`;
  if (may(actor, 'users.manage')) return `${APP_BASE}/admin/users`;
  return `${APP_BASE}/groups`;
}
