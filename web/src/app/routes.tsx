import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { AUDIT_READS, may, type Action, type Actor } from '../auth/roles';
import { APP_BASE, match } from './router';

export type ViewProps = { params: Record<string, string> };
type View = LazyExoticComponent<ComponentType<ViewProps>>;

/** Each view is its own chunk: the first paint loads the board, not the charts. */
const loaders = {
  board: () => import('../views/board/BoardView'),
  dueSoon: () => import('../views/deadlines/DueSoonView'),
  overdue: () => import('../views/deadlines/OverdueView'),
  report: () => import('../views/report/ReportIssueView'),
  issue: () => import('../views/issue/IssueView'),
  groups: () => import('../views/groups/GroupsView'),
  group: () => import('../views/group/GroupView'),
  reviews: () => import('../views/reviews/ReviewsView'),
  review: () => import('../views/reviews/ReviewView'),
  audit: () => import('../views/audit/AuditView'),
  users: () => import('../views/admin/UsersView'),
  apiKeys: () => import('../views/admin/ApiKeysView'),
} satisfies Record<string, () => Promise<{ default: ComponentType<ViewProps> }>>;
type ViewName = keyof typeof loaders;

const views = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as Record<
  ViewName,
  View
>;

export interface Route {
  pattern: string;
  view: View;
  /** Fetches the view's chunk (the lazy view does too, later, when it first renders). */
  load: () => Promise<unknown>;
  /** What the principal must be allowed to see it (given several: any one of them). */
  requires: Action | readonly Action[];
}

export const ROUTES: Route[] = [
  { pattern: `${APP_BASE}/board`, view: views.board, load: loaders.board, requires: 'issues.read' },
  { pattern: `${APP_BASE}/due-soon`, view: views.dueSoon, load: loaders.dueSoon, requires: 'issues.read' },
  { pattern: `${APP_BASE}/overdue`, view: views.overdue, load: loaders.overdue, requires: 'issues.read' },
  { pattern: `${APP_BASE}/issues/new`, view: views.report, load: loaders.report, requires: 'issue.report' },
  { pattern: `${APP_BASE}/issues/:id`, view: views.issue, load: loaders.issue, requires: 'issues.read' },
  { pattern: `${APP_BASE}/groups`, view: views.groups, load: loaders.groups, requires: 'groups.read' },
  {
    pattern: `${APP_BASE}/groups/:district`,
    view: views.group,
    load: loaders.group,
    requires: 'groups.read',
  },
  { pattern: `${APP_BASE}/reviews`, view: views.reviews, load: loaders.reviews, requires: 'reviews.read' },
  { pattern: `${APP_BASE}/reviews/:id`, view: views.review, load: loaders.review, requires: 'reviews.read' },
  { pattern: `${APP_BASE}/audit`, view: views.audit, load: loaders.audit, requires: AUDIT_READS },
  { pattern: `${APP_BASE}/admin/users`, view: views.users, load: loaders.users, requires: 'users.manage' },
  {
    pattern: `${APP_BASE}/admin/api-keys`,
    view: views.apiKeys,
    load: loaders.apiKeys,
    requires: 'keys.manage',
  },
];

/**
 * Starts fetching the chunk of the view `path` names while the session is still being asked
 * for (/auth/me), instead of after it: one round trip less before the first useful paint.
 * The board for the home page, where a signed-in reader is sent first.
 */
export function preloadView(path: string): void {
  const home = path === '/' || path === APP_BASE || path === `${APP_BASE}/`;
  const route = home ? ROUTES[0] : ROUTES.find((r) => match(r.pattern, path));
  void route?.load().catch(() => undefined);
}

/** Where a principal lands after signing in (or on `/`): the first view its role opens. */
export function homeOf(actor: Actor): string {
  if (may(actor, 'issues.read')) return `${APP_BASE}/board`;
  if (may(actor, 'users.manage')) return `${APP_BASE}/admin/users`;
  return `${APP_BASE}/groups`;
}
