import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  ACTIONS,
  DISTRICT_BOUND_ACTIONS,
  may,
  POLICY,
  ROLES,
  type Action,
  type Role,
} from '../../src/identity/access/access-policy';
import { declaredRoutes, type DeclaredRoute } from '../../src/identity/access/declared-routes';
import type { Principal } from '../../src/identity/auth/principal';
import {
  aReport,
  hoursFromNow,
  startTestApp,
  STORE_SETUPS,
  TEST_ADMIN_PASSWORD,
  TEST_PASSWORD,
  type Answer,
  type Client,
  type TestApp,
} from '../e2e/test-app';
import { LiveStream } from '../live/live-stream-client';
import { headOf } from './identity-helpers';

/**
 * The access matrix, generated from the declared policy: every role × (its own district,
 * another district, city-wide) × every route of the engine, through real HTTP, checking the
 * status, that a refusal appended nothing, that a command accepted names its sender, and that
 * lists hold only what the reader may see.
 *
 * Two tables pin what is generated, so changing one cell of the policy (or the action a
 * route declares) fails here: the contract's role table, transcribed from
 * shared/API-identity.md (and the writers of shared/API-reviews.md, and the suspensions of
 * docs/escalation.md), and the action of each route.
 */

// D: in its own district only; C: city-wide; Y: allowed (nothing district-bound); .: refused.
const CONTRACT = `
                    work-group  district-bureau  division  leadership  supervisor  admin
issue.report        D           D                C         C           .           .
issue.convene       D           D                C         C           .           .
issue.assign        D           .                C         C           .           .
issue.complete      .           D                C         C           .           .
issue.verify        D           .                C         C           .           .
issue.extend        D           .                C         C           .           .
issue.request-extension D       D                C         C           .           .
issue.decide-extension  D       .                C         C           .           .
issue.escalate      D           .                C         C           .           .
issue.close         D           .                C         C           .           .
issue.force-close   .           .                .         C           .           .
issue.reopen        D           .                C         C           .           .
issues.read         D           D                C         C           C           .
audit.issues        D           D                C         C           C           .
audit.identity      .           .                .         .           Y           Y
groups.read         Y           Y                Y         Y           Y           Y
record.write        D           .                C         C           .           .
record.read         Y           Y                Y         Y           Y           .
reviews.read        Y           Y                Y         Y           Y           .
review.draft        .           .                Y         Y           Y           .
review.appeal       D           .                .         .           .           .
review.decide       .           .                .         Y           Y           .
review.publish      .           .                .         Y           .           .
suspension.district D           .                C         C           .           .
suspension.city     .           .                .         Y           .           .
suspensions.read    Y           Y                Y         Y           Y           .
users.manage        .           .                .         .           .           Y
keys.manage         .           .                .         .           .           Y
queues.operate      .           .                .         .           .           Y
escalation.reload   .           .                .         .           .           Y
self                Y           Y                Y         Y           Y           Y
`;

/** The policy as the same table, generated. */
function policyTable(): string {
  const cell = (role: Role, action: Action) => {
    if (!may(role, action)) return '.';
    const scoped = DISTRICT_BOUND_ACTIONS.includes(action) || action === 'audit.issues';
    if (!scoped) return 'Y';
    return POLICY[role].scope === 'district' ? 'D' : 'C';
  };
  return ACTIONS.map((action) => [action, ...ROLES.map((role) => cell(role, action))].join(' ')).join('\n');
}
const contractTable = () =>
  CONTRACT.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/).join(' '))
    .join('\n');

const OWN = 'siming';
const OTHER = 'huli';
type Target = 'own' | 'other' | 'city';
const districtOf = (target: Target) => (target === 'other' ? OTHER : OWN);

/** What a probe acts on: an issue in some state, a record entry, a review, a key, or nothing. */
interface Fixture {
  issueId: string;
  rid: string;
  requestId: string;
  position: number;
  keyId: string;
  entryId: string;
  reviewId: string;
  appealId: string;
  suspensionId: string;
}

type FixtureState =
  | 'none'
  | 'open'
  | 'assigned'
  | 'completed'
  /** An assigned item with an extension request pending. */
  | 'requested'
  | 'closed'
  | 'key'
  /** A record entry of the district's group. */
  | 'entry'
  /** A review in draft, no appeal. */
  | 'review'
  /** A review in draft with an appeal of the district's group, undecided. */
  | 'appealed'
  /** A suspension of the district, approved ahead (not yet begun). */
  | 'suspension';

interface Probe {
  /** The declared route, `METHOD /path`, as the app's metadata names it. */
  route: string;
  /** The action the route declares for this request (pinned: a changed rule fails here). */
  action: Action;
  /**
   * What the request is about: one issue (own/other district), a district named by the route
   * or the body (a group's record, an appeal: own/other), or nothing district-bound.
   */
  on: 'issue' | 'district' | 'city';
  /** The state the request needs to succeed; a success uses the fixture up. */
  needs: FixtureState;
  /** The answer of an allowed request. */
  ok: number;
  /** The request as the route's rule sees it, to evaluate its declared action. */
  rule?: { params?: Record<string, string>; body?: unknown };
  send(client: Client, fixture: Fixture, district: string, role: Role): Promise<Answer>;
  /** Only for lists: what an allowed answer must (not) hold. */
  list?: 'board' | 'audit' | 'counts';
  /** A command that is not on an issue: its event must name the sender (read from the audit trail). */
  command?: true;
  /** Changes the principal's own session: run last, then sign in again. */
  selfChanging?: boolean;
  /** Tells two probes of one route apart in the test names. */
  label?: string;
}

const now = () => new Date().toISOString();
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** The engine under test, for the probes that are no JSON request (the live stream). */
let engineUrl = '';

const NO_FIXTURE: Fixture = {
  issueId: 'x',
  rid: 'r',
  requestId: 'q',
  position: 0,
  keyId: 'k',
  entryId: 'e',
  reviewId: 'v',
  appealId: 'a',
  suspensionId: 's',
};
/**
 * A period for a suspension nobody else's overlaps: each approval in the matrix takes its own
 * hour, days ahead (the decider refuses two overlapping suspensions of one scope).
 */
let suspensionSlot = 0;
const suspensionPeriod = () => {
  suspensionSlot += 2;
  return { from: hoursFromNow(24 + suspensionSlot), until: hoursFromNow(25 + suspensionSlot) };
};
const issueCommand = (
  route: string,
  action: Action,
  needs: FixtureState,
  path: (f: Fixture) => string,
  body: (f: Fixture) => Record<string, unknown>,
): Probe => ({
  route,
  action,
  on: 'issue',
  needs,
  ok: 201,
  rule: { body: body(NO_FIXTURE) },
  send: (client, f) => client.post(path(f), body(f)),
});
/** A command on a work group's record: the district is the route's. */
const recordCommand = (
  route: string,
  needs: FixtureState,
  path: (f: Fixture, district: string) => string,
  body: () => Record<string, unknown>,
): Probe => ({
  route,
  action: 'record.write',
  on: 'district',
  needs,
  ok: 201,
  command: true,
  rule: { params: { district: OWN }, body: body() },
  send: (client, f, district) => client.post(path(f, district), body()),
});
/** A read of a review (its page, its downloads). */
const reviewRead = (route: string, path: (f: Fixture) => string): Probe => ({
  route,
  action: 'reviews.read',
  on: 'city',
  needs: 'review',
  ok: 200,
  send: (client, f) => client.get(path(f)),
});

const PROBES: Probe[] = [
  {
    route: 'POST /issues',
    action: 'issue.report',
    on: 'issue',
    needs: 'none',
    ok: 201,
    send: (client, _f, district) => client.post('/issues', aReport({ district, reportedBy: undefined })),
  },
  issueCommand(
    'POST /issues/:id/meetings',
    'issue.convene',
    'open',
    (f) => `/issues/${f.issueId}/meetings`,
    () => ({ kind: 'summons', heldAt: now(), attendees: ['某施工单位'] }),
  ),
  issueCommand(
    'POST /issues/:id/remediations',
    'issue.assign',
    'open',
    (f) => `/issues/${f.issueId}/remediations`,
    () => ({ responsibleUnit: '某项目部', action: '整改', dueAt: hoursFromNow(48) }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/completion',
    'issue.complete',
    'assigned',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/completion`,
    () => ({ evidence: '照片' }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/verification',
    'issue.verify',
    'completed',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/verification`,
    () => ({ accepted: true }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/extension',
    'issue.extend',
    'assigned',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/extension`,
    () => ({ newDueAt: hoursFromNow(96), reason: '雨季' }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/extension-requests',
    'issue.request-extension',
    'assigned',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/extension-requests`,
    () => ({ newDueAt: hoursFromNow(96), reason: '雨季' }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/extension-requests/:reqId/approval',
    'issue.decide-extension',
    'requested',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/extension-requests/${f.requestId}/approval`,
    () => ({ comment: '同意' }),
  ),
  issueCommand(
    'POST /issues/:id/remediations/:rid/extension-requests/:reqId/refusal',
    'issue.decide-extension',
    'requested',
    (f) => `/issues/${f.issueId}/remediations/${f.rid}/extension-requests/${f.requestId}/refusal`,
    () => ({ reason: '理由不足' }),
  ),
  issueCommand(
    'POST /issues/:id/escalations',
    'issue.escalate',
    'open',
    (f) => `/issues/${f.issueId}/escalations`,
    () => ({ reason: '拖延' }),
  ),
  issueCommand(
    'POST /issues/:id/closure',
    'issue.close',
    'open',
    (f) => `/issues/${f.issueId}/closure`,
    () => ({ resolution: '已处理' }),
  ),
  issueCommand(
    'POST /issues/:id/closure',
    'issue.force-close',
    'assigned',
    (f) => `/issues/${f.issueId}/closure`,
    () => ({ resolution: '项目撤场，整改项转入新项目', force: true }),
  ),
  issueCommand(
    'POST /issues/:id/reopening',
    'issue.reopen',
    'closed',
    (f) => `/issues/${f.issueId}/reopening`,
    () => ({ reason: '问题反复' }),
  ),
  {
    route: 'GET /issues/:id',
    action: 'issues.read',
    on: 'issue',
    needs: 'open',
    ok: 200,
    send: (client, f) => client.get(`/issues/${f.issueId}?minPosition=${f.position}`),
  },
  {
    route: 'GET /issues/:id/history',
    action: 'issues.read',
    on: 'issue',
    needs: 'open',
    ok: 200,
    send: (client, f) => client.get(`/issues/${f.issueId}/history`),
  },
  {
    route: 'GET /issues/:id/state',
    action: 'issues.read',
    on: 'issue',
    needs: 'open',
    ok: 200,
    send: (client, f) => client.get(`/issues/${f.issueId}/state?asOf=${encodeURIComponent(now())}`),
  },
  {
    route: 'GET /issues',
    action: 'issues.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    list: 'board',
    send: (client, f) => client.get(`/issues?limit=500&minPosition=${f.position}`),
  },
  {
    route: 'GET /live',
    action: 'issues.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    list: 'board',
    // The issue events told from the log's start until `ready`: the board's scope.
    send: async (client) => (await LiveStream.open(engineUrl, client, { after: 0 })).asAnswer(),
  },
  {
    route: 'GET /issues/counts',
    action: 'issues.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    list: 'counts',
    // The counters of another district: a district role's scope leaves nothing to count.
    send: (client, f) => client.get(`/issues/counts?district=${OTHER}&minPosition=${f.position}`),
  },
  {
    route: 'GET /issues/:id/history',
    action: 'issues.read',
    on: 'issue',
    needs: 'open',
    ok: 200,
    label: 'in pages',
    // History in pages: the first page, then the one its cursor names.
    send: async (client, f) => {
      const first = await client.get(`/issues/${f.issueId}/history?limit=1`);
      const next = first.headers.get('x-next-cursor');
      if (first.status !== 200 || !next) return first;
      return client.get(`/issues/${f.issueId}/history?limit=1&cursor=${next}`);
    },
  },
  recordCommand(
    'POST /groups/:district/record',
    'none',
    (_f, district) => `/groups/${district}/record`,
    () => ({ kind: 'seminar', date: today(), topic: '政策宣贯座谈会' }),
  ),
  recordCommand(
    'POST /groups/:district/record/:entryId/correction',
    'entry',
    (f, district) => `/groups/${district}/record/${f.entryId}/correction`,
    () => ({ reason: '人数有误', participants: 30 }),
  ),
  recordCommand(
    'POST /groups/:district/record/:entryId/withdrawal',
    'entry',
    (f, district) => `/groups/${district}/record/${f.entryId}/withdrawal`,
    () => ({ reason: '重复登记' }),
  ),
  recordCommand(
    'POST /groups/:district/practices',
    'none',
    (_f, district) => `/groups/${district}/practices`,
    () => ({ direction: 'adopted-from-city', title: '市级质量安全巡查制度', date: today() }),
  ),
  {
    route: 'GET /groups/:district/record',
    action: 'record.read',
    on: 'district',
    needs: 'none',
    ok: 200,
    send: (client, _f, district) => client.get(`/groups/${district}/record`),
  },
  {
    route: 'GET /groups/:district/practices',
    action: 'record.read',
    on: 'district',
    needs: 'none',
    ok: 200,
    send: (client, _f, district) => client.get(`/groups/${district}/practices`),
  },
  {
    route: 'POST /reviews',
    action: 'review.draft',
    on: 'city',
    needs: 'none',
    ok: 201,
    command: true,
    send: (client) => client.post('/reviews', { period: '2023-Q1' }),
  },
  {
    route: 'POST /reviews/:id/appeals',
    action: 'review.appeal',
    on: 'district',
    needs: 'review',
    ok: 201,
    command: true,
    rule: { body: { district: OWN } },
    send: (client, f, district) =>
      client.post(`/reviews/${f.reviewId}/appeals`, { district, reason: '逾期系停工所致' }),
  },
  {
    route: 'POST /reviews/:id/appeals/:appealId/decision',
    action: 'review.decide',
    on: 'city',
    needs: 'appealed',
    ok: 201,
    command: true,
    send: (client, f) =>
      client.post(`/reviews/${f.reviewId}/appeals/${f.appealId}/decision`, {
        upheld: false,
        comment: '理由不充分',
      }),
  },
  {
    route: 'POST /reviews/:id/publication',
    action: 'review.publish',
    on: 'city',
    needs: 'review',
    ok: 201,
    command: true,
    send: (client, f) => client.post(`/reviews/${f.reviewId}/publication`, { comment: '通报' }),
  },
  {
    route: 'GET /reviews',
    action: 'reviews.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/reviews'),
  },
  reviewRead('GET /reviews/:id', (f) => `/reviews/${f.reviewId}`),
  reviewRead('GET /reviews/:id/export.xlsx', (f) => `/reviews/${f.reviewId}/export.xlsx`),
  reviewRead('GET /reviews/:id/export.csv', (f) => `/reviews/${f.reviewId}/export.csv`),
  reviewRead('GET /reviews/:id/print', (f) => `/reviews/${f.reviewId}/print`),
  {
    route: 'GET /groups/performance/export.xlsx',
    action: 'reviews.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/groups/performance/export.xlsx?period=2023-Q1'),
  },
  {
    route: 'POST /suspensions',
    action: 'suspension.district',
    on: 'district',
    needs: 'none',
    ok: 201,
    command: true,
    label: 'a district',
    rule: { body: { scope: 'district' } },
    send: (client, _f, district) =>
      client.post('/suspensions', { scope: 'district', district, reason: '台风预警', ...suspensionPeriod() }),
  },
  {
    route: 'POST /suspensions',
    action: 'suspension.city',
    on: 'city',
    needs: 'none',
    ok: 201,
    command: true,
    label: 'the city',
    rule: { body: { scope: 'city' } },
    send: (client) =>
      client.post('/suspensions', { scope: 'city', reason: '台风红色预警', ...suspensionPeriod() }),
  },
  {
    route: 'POST /suspensions/:id/lift',
    action: 'suspension.district',
    on: 'district',
    needs: 'suspension',
    ok: 201,
    command: true,
    send: (client, f) => client.post(`/suspensions/${f.suspensionId}/lift`, { reason: '预警解除' }),
  },
  {
    route: 'GET /suspensions',
    action: 'suspensions.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/suspensions'),
  },
  {
    route: 'GET /suspensions/:id',
    action: 'suspensions.read',
    on: 'city',
    needs: 'suspension',
    ok: 200,
    send: (client, f) => client.get(`/suspensions/${f.suspensionId}`),
  },
  {
    route: 'GET /audit',
    // The route declares audit.issues for the roles that read issues, audit.identity for the others.
    action: 'audit.issues',
    on: 'city',
    needs: 'none',
    ok: 200,
    list: 'audit',
    send: (client, f) => client.get(`/audit?limit=500&minPosition=${f.position}`),
  },
  {
    route: 'GET /groups',
    action: 'groups.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/groups'),
  },
  {
    route: 'GET /groups/performance',
    action: 'groups.read',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/groups/performance?period=2023-Q1'),
  },
  {
    route: 'GET /users',
    action: 'users.manage',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/users'),
  },
  {
    route: 'POST /users',
    action: 'users.manage',
    on: 'city',
    needs: 'none',
    ok: 201,
    send: (client, _f, _d, role) =>
      client.post('/users', {
        username: `made-by-${role}-${Math.random().toString(36).slice(2, 8)}`,
        displayName: '新用户',
        role: 'supervisor',
        password: TEST_PASSWORD,
      }),
  },
  {
    route: 'PATCH /users/:username',
    action: 'users.manage',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client, _f, _d, role) =>
      client.request('PATCH', '/users/matrix-target', { displayName: `改名 ${role}` }),
  },
  {
    route: 'POST /users/:username/password',
    action: 'users.manage',
    on: 'city',
    needs: 'none',
    ok: 204,
    rule: { params: { username: 'matrix-target' } },
    send: (client) => client.post('/users/matrix-target/password', { password: 'Reset-By-Admin-2023' }),
  },
  {
    route: 'POST /api-keys',
    action: 'keys.manage',
    on: 'city',
    needs: 'none',
    ok: 201,
    send: (client) => client.post('/api-keys', { name: '导入程序', role: 'supervisor' }),
  },
  {
    route: 'GET /api-keys',
    action: 'keys.manage',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/api-keys'),
  },
  {
    route: 'DELETE /api-keys/:id',
    action: 'keys.manage',
    on: 'city',
    needs: 'key',
    ok: 204,
    send: (client, f) => client.request('DELETE', `/api-keys/${f.keyId}`),
  },
  {
    route: 'GET /queues',
    action: 'queues.operate',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/queues/api/queues'),
  },
  {
    // The same files as in force: an admin's reload records nothing and answers what is in force.
    route: 'POST /admin/escalation/reload',
    action: 'escalation.reload',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.post('/admin/escalation/reload', {}),
  },
  {
    route: 'GET /auth/me',
    action: 'self',
    on: 'city',
    needs: 'none',
    ok: 200,
    send: (client) => client.get('/auth/me'),
  },
  {
    route: 'POST /auth/logout',
    action: 'self',
    on: 'city',
    needs: 'none',
    ok: 204,
    selfChanging: true,
    send: (client) => client.post('/auth/logout', undefined),
  },
  {
    route: 'POST /users/:username/password',
    action: 'self',
    on: 'city',
    needs: 'none',
    ok: 204,
    selfChanging: true,
    rule: { params: { username: 'self' } },
    send: (client, _f, _d, role) =>
      client.post(`/users/${client.username}/password`, {
        currentPassword: passwordOf(role),
        password: passwordOf(role),
      }),
  },
];

const passwordOf = (role: Role) => (role === 'admin' ? TEST_ADMIN_PASSWORD : TEST_PASSWORD);

/** Routes open to everyone: the probes, the docs, the sign-in itself. */
const PUBLIC_ROUTES = ['GET /health', 'POST /auth/login'];

/** The first two letters of a user of each role: a district role in Siming. */
const userOf = (role: Role) => ({
  username: `as-${role}`,
  role,
  ...(POLICY[role].scope === 'district' && { district: OWN }),
});

/** What the policy says a principal of `role` gets for a probe on `target`. */
function expected(
  role: Role,
  probe: Probe,
  target: Target,
): { status: number; sees?: Record<string, boolean> } {
  // GET /audit declares audit.identity for the roles that read no issue: the route is open to both.
  const action =
    probe.action === 'audit.issues' && !may(role, 'audit.issues') ? 'audit.identity' : probe.action;
  if (!may(role, action)) return { status: 403 };
  const district = POLICY[role].scope === 'district';
  if (probe.on !== 'city' && district && target === 'other' && DISTRICT_BOUND_ACTIONS.includes(action))
    return { status: action === 'issues.read' ? 404 : 403 };
  if (probe.list === 'board') return { status: 200, sees: { own: true, other: !district } };
  if (probe.list === 'counts') return { status: 200, sees: { other: !district } };
  if (probe.list === 'audit') {
    const issues = may(role, 'audit.issues');
    return {
      status: 200,
      sees: { own: issues, other: issues && !district, identity: may(role, 'audit.identity') },
    };
  }
  return { status: probe.ok };
}

describe('the access policy', () => {
  it('is the contract table of shared/API-identity.md, cell for cell', () => {
    expect(policyTable()).toBe(contractTable());
  });
});

describe.each(STORE_SETUPS)('the access matrix over HTTP (%s)', (store) => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  const clients = new Map<Role, Client>();
  /** Unused fixtures per `state:district`: refusals leave them as they were, successes use them up. */
  const fixtures = new Map<string, Fixture>();
  /** The issues every list check looks for, one per district, and the latest position. */
  let seen: { own: string; other: string; position: number };

  const report = async (district: string) => {
    const answer = await t.post('/issues', aReport({ district }));
    if (answer.status !== 201) throw new Error(`setup: ${JSON.stringify(answer.body)}`);
    return answer.body as { issueId: string; position: number };
  };

  async function fixture(state: FixtureState, district: string): Promise<Fixture> {
    const key = `${state}:${district}`;
    const kept = fixtures.get(key);
    if (kept) return kept;
    let made: Fixture = { ...NO_FIXTURE, position: 0 };
    const created = (answer: Answer, what: string) => {
      if (answer.status !== 201) throw new Error(`setup ${what}: ${JSON.stringify(answer.body)}`);
      return answer.body as Record<string, any>;
    };
    if (state === 'key') {
      const key = await t.admin.post('/api-keys', { name: '待吊销', role: 'supervisor' });
      made = { ...made, keyId: key.body.id, position: key.body.position };
    } else if (state === 'entry') {
      const entry = created(
        await t.post(`/groups/${district}/record`, { kind: 'training', date: today(), topic: '安全培训' }),
        state,
      );
      made = { ...made, entryId: entry.entryId, position: entry.position };
    } else if (state === 'review' || state === 'appealed') {
      const review = created(await t.post('/reviews', { period: '2023-Q1' }), state);
      made = { ...made, reviewId: review.reviewId, position: review.position };
      if (state === 'appealed') {
        const group = await t.createUser({ username: `${district}-appealer`, role: 'work-group', district });
        const appeal = created(
          await group.post(`/reviews/${review.reviewId}/appeals`, { district, reason: '计分有误' }),
          state,
        );
        made = { ...made, appealId: appeal.appealId, position: appeal.position };
      }
    } else if (state === 'suspension') {
      const suspension = created(
        await t.post('/suspensions', {
          scope: 'district',
          district,
          reason: '暴雨预警',
          ...suspensionPeriod(),
        }),
        state,
      );
      made = { ...made, suspensionId: suspension.suspensionId, position: suspension.position };
    } else if (state !== 'none') {
      const { issueId, position } = await report(district);
      made = { ...made, issueId, position };
      if (state === 'assigned' || state === 'completed' || state === 'requested') {
        const assigned = await t.post(`/issues/${issueId}/remediations`, {
          responsibleUnit: '某项目部',
          action: '整改',
          dueAt: hoursFromNow(48),
        });
        made = { ...made, rid: assigned.body.remediationId, position: assigned.body.position };
      }
      if (state === 'requested') {
        const requested = created(
          await t.post(`/issues/${issueId}/remediations/${made.rid}/extension-requests`, {
            newDueAt: hoursFromNow(72),
            reason: '雨季',
          }),
          state,
        );
        made = { ...made, requestId: requested.requestId, position: requested.position };
      }
      if (state === 'completed') {
        const completed = await t.post(`/issues/${issueId}/remediations/${made.rid}/completion`, {});
        made = { ...made, position: completed.body.position };
      }
      if (state === 'closed') {
        const closed = await t.post(`/issues/${issueId}/closure`, { resolution: '已处理' });
        made = { ...made, position: closed.body.position };
      }
    } else {
      made = { ...made, position: seen.position };
    }
    fixtures.set(key, made);
    return made;
  }

  beforeAll(async () => {
    t = await startTestApp(store);
    engineUrl = t.url;
    for (const role of ROLES) {
      clients.set(role, role === 'admin' ? t.admin : await t.createUser(userOf(role)));
    }
    await t.createUser({ username: 'matrix-target', role: 'division' });
    const own = await report(OWN);
    const other = await report(OTHER);
    seen = { own: own.issueId, other: other.issueId, position: other.position };
    const discovery = t.app.get(DiscoveryService);
    routes = declaredRoutes(discovery, t.app.get(MetadataScanner));
  });
  afterAll(() => t.destroy());

  it('has a probe for every route the engine declares, and each declares the action pinned here', () => {
    const declared = routes.map((r) => `${r.method} ${r.path}`).sort();
    const probed = [...new Set([...PROBES.map((p) => p.route), ...PUBLIC_ROUTES])]
      .filter((route) => !route.startsWith('GET /queues'))
      .sort();
    expect(declared).toEqual(probed);
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.includes(name)) {
        expect({ name, rule: route.rule }).toEqual({ name, rule: { public: true } });
        continue;
      }
      for (const probe of PROBES.filter((p) => p.route === name)) {
        for (const role of ROLES) {
          const rule = route.rule;
          if (!rule || rule.public) throw new Error(`${name} has no rule`);
          const principal = { kind: 'user', id: 'self', role } as Principal;
          const request = { params: probe.rule?.params ?? {}, body: probe.rule?.body ?? {} };
          const action = typeof rule.action === 'function' ? rule.action(request, principal) : rule.action;
          const pinned =
            probe.action === 'audit.issues' && !may(role, 'audit.issues') ? 'audit.identity' : probe.action;
          expect({ name, role, action }).toEqual({ name, role, action: pinned });
        }
      }
    }
  });

  // Self-changing probes (sign-out, one's own password) run last: they end the session.
  const ordered = [...PROBES.filter((p) => !p.selfChanging), ...PROBES.filter((p) => p.selfChanging)];
  it.each(ordered.map((p) => [`${p.route} (${p.action}${p.label ? `, ${p.label}` : ''})`, p] as const))(
    '%s',
    async (_name, probe) => {
      const mismatches: string[] = [];
      for (const role of ROLES) {
        const targets: Target[] = probe.on === 'city' ? ['city'] : ['own', 'other'];
        for (const target of targets) {
          const district = districtOf(target);
          const client = clients.get(role)!;
          const f = await fixture(probe.needs, district);
          const want = expected(role, probe, target);
          const before = await headOf(t);
          const answer = await probe.send(client, f, district, role);
          const where = `${role} on ${target}`;
          if (answer.status !== want.status) {
            mismatches.push(
              `${where}: ${answer.status} (expected ${want.status}) ${JSON.stringify(answer.body).slice(0, 160)}`,
            );
            continue;
          }
          if (answer.status >= 400) {
            if ((await headOf(t)) !== before)
              mismatches.push(`${where}: refused with ${answer.status} but appended`);
            if (answer.status === 403 && !/may not|acts for/.test(answer.body.message))
              mismatches.push(`${where}: 403 does not name the rule: ${answer.body.message}`);
            continue;
          }
          // A command (anything but a read) used its fixture up.
          if (probe.needs !== 'none' && probe.ok !== 200) fixtures.delete(`${probe.needs}:${district}`);
          if (probe.ok === 201 && probe.on === 'issue') {
            const issueId = (answer.body.issueId as string) ?? f.issueId;
            const history = (await t.get(`/issues/${issueId}/history`)).body as Array<
              Record<string, unknown>
            >;
            const last = history[history.length - 1];
            const who = clients.get(role)!.username;
            const user = userOf(role) as { district?: string };
            if (
              last.actor !== who ||
              last.actorRole !== role ||
              last.actorDistrict !== (user.district ?? null)
            )
              mismatches.push(
                `${where}: appended as ${String(last.actor)}/${String(last.actorRole)}, not ${who}`,
              );
          }
          if (probe.command) {
            // The event names the signed-in sender, its role and district (read as the leader).
            const who = clients.get(role)!.username!;
            const position = answer.body.position as number;
            const audit = await t.get(
              `/audit?actor=${encodeURIComponent(who)}&limit=500&minPosition=${position}`,
            );
            const event = (audit.body.items as Array<Record<string, unknown>>).find(
              (i) => i.position === position,
            );
            const user = userOf(role) as { district?: string };
            if (!event || event.actorRole !== role || event.actorDistrict !== (user.district ?? null))
              mismatches.push(`${where}: the event at ${position} does not name ${who} as its sender`);
          }
          if (want.sees) {
            const items = (answer.body.items ?? []) as Array<{
              id?: string;
              issueId?: string | null;
              type: string;
            }>;
            const has =
              probe.list === 'counts'
                ? { own: false, other: (answer.body.open as number) > 0, identity: false }
                : {
                    own: items.some((i) => (i.id ?? i.issueId) === seen.own),
                    other: items.some((i) => (i.id ?? i.issueId) === seen.other),
                    identity: items.some((i) => i.type === 'UserCreated'),
                  };
            for (const [what, visible] of Object.entries(want.sees)) {
              if (has[what as keyof typeof has] !== visible)
                mismatches.push(`${where}: ${what} ${visible ? 'missing from' : 'shown in'} the list`);
            }
          }
          if (probe.selfChanging) {
            const username = role === 'admin' ? 'admin' : `as-${role}`;
            clients.set(role, await t.signIn(username, passwordOf(role)));
          }
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('anonymous gets 401 on every declared route but the public ones', async () => {
    const anonymous: string[] = [];
    for (const probe of PROBES) {
      const answer = await probe.send(t.anonymous, await fixture(probe.needs, OWN), OWN, 'supervisor');
      if (answer.status !== 401) anonymous.push(`${probe.route}: ${answer.status}`);
    }
    expect(anonymous).toEqual([]);
    expect((await t.anonymous.get('/health')).status).toBe(200);
  });
});
