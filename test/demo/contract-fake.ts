import type { DemoClient } from '../../src/demo/load-demo';
import {
  CATEGORIES,
  DISTRICTS,
  MEETING_KINDS,
  SEVERITIES,
  SOURCES,
} from '../../src/issues/domain/vocabulary';

// A fake of the server at its HTTP edge: it checks each body against shared/API.md, enforces
// the state rules the real engine enforces (refusing with 400/404/409 as it would), honours
// Idempotency-Key, and keeps what it accepted so the tests can read the story back.

export type Item = {
  status: 'assigned' | 'completed' | 'verified' | 'rejected';
  dueAt: string;
  late: boolean;
  /** An extension request waiting for its approval. */
  pending?: { id: string; body: any };
};
export type Issue = {
  id: string;
  report: any;
  last: string;
  closedAt?: string;
  items: Map<string, Item>;
  meetings: any[];
  escalations: any[];
  rejections: number;
  extensions: any[];
};
type Request = { path: string; body: any; headers: Record<string, string> };

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;
const ROUTES: Array<{ re: RegExp; required: string[]; optional: string[] }> = [
  {
    re: /^\/issues$/,
    required: ['title', 'category', 'severity', 'district', 'source', 'reportedBy'],
    optional: ['description', 'site'],
  },
  {
    re: /^\/issues\/[^/]+\/meetings$/,
    required: ['kind', 'heldAt', 'convenedBy', 'attendees'],
    optional: ['summary', 'decisions'],
  },
  {
    re: /^\/issues\/[^/]+\/remediations$/,
    required: ['responsibleUnit', 'action', 'dueAt', 'assignedBy'],
    optional: [],
  },
  {
    re: /^\/issues\/[^/]+\/remediations\/[^/]+\/completion$/,
    required: ['reportedBy'],
    optional: ['evidence'],
  },
  {
    re: /^\/issues\/[^/]+\/remediations\/[^/]+\/verification$/,
    required: ['verifiedBy', 'accepted'],
    optional: ['comment'],
  },
  {
    re: /^\/issues\/[^/]+\/remediations\/[^/]+\/extension$/,
    required: ['newDueAt', 'reason'],
    optional: [],
  },
  {
    re: /^\/issues\/[^/]+\/remediations\/[^/]+\/extension-requests$/,
    required: ['newDueAt', 'reason'],
    optional: [],
  },
  {
    re: /^\/issues\/[^/]+\/remediations\/[^/]+\/extension-requests\/[^/]+\/approval$/,
    required: [],
    optional: ['comment'],
  },
  { re: /^\/issues\/[^/]+\/escalations$/, required: ['by', 'reason'], optional: [] },
  { re: /^\/issues\/[^/]+\/closure$/, required: ['closedBy', 'resolution'], optional: ['force'] },
];
const ENUMS: Record<string, readonly unknown[]> = {
  category: CATEGORIES,
  severity: SEVERITIES,
  district: DISTRICTS,
  source: SOURCES,
  kind: MEETING_KINDS,
};
export const t = (iso: string) => Date.parse(iso);

export class ContractFake implements DemoClient {
  readonly requests: Request[] = [];
  readonly issues = new Map<string, Issue>();
  appended = 0;
  private answers = new Map<string, { status: number; body: any }>();
  private ids = 0;

  async post(path: string, body: any, headers: Record<string, string> = {}) {
    this.requests.push({ path, body, headers });
    const key = headers['Idempotency-Key'];
    if (!key) return { status: 400, body: { message: 'demo must send an Idempotency-Key' } };
    const known = this.answers.get(key);
    if (known) return known;
    const answer = this.handle(path, body);
    if (answer.status === 201) {
      this.answers.set(key, answer);
      this.appended++;
    }
    return answer;
  }

  private handle(path: string, body: any): { status: number; body: any } {
    const bad = (message: string) => ({ status: 400, body: { message: `${path}: ${message}` } });
    const conflict = (message: string) => ({ status: 409, body: { message: `${path}: ${message}` } });
    const route = ROUTES.find((r) => r.re.test(path));
    if (!route) return { status: 404, body: { message: `no route ${path}` } };
    const missing = route.required.filter((f) => body[f] === undefined || body[f] === '');
    if (missing.length) return bad(`missing ${missing.join(', ')}`);
    const unknown = Object.keys(body).filter(
      (f) => ![...route.required, ...route.optional, 'occurredAt'].includes(f),
    );
    if (unknown.length) return bad(`unknown fields ${unknown.join(', ')}`);
    for (const [field, allowed] of Object.entries(ENUMS)) {
      if (field in body && !allowed.includes(body[field])) return bad(`${field} ${body[field]} not allowed`);
    }
    for (const f of ['occurredAt', 'heldAt', 'dueAt', 'newDueAt']) {
      if (f in body && !ISO_OFFSET.test(body[f])) return bad(`${f} is not ISO-8601 with offset`);
    }
    if (!body.occurredAt) return bad('demo commands must carry occurredAt');
    if ('attendees' in body && (!Array.isArray(body.attendees) || body.attendees.length === 0))
      return bad('attendees empty');
    if ('accepted' in body && typeof body.accepted !== 'boolean') return bad('accepted must be boolean');
    const at = body.occurredAt as string;
    const id = () => `id${++this.ids}`;

    if (path === '/issues') {
      const issue: Issue = {
        id: id(),
        report: body,
        last: at,
        items: new Map(),
        meetings: [],
        escalations: [],
        rejections: 0,
        extensions: [],
      };
      this.issues.set(issue.id, issue);
      return { status: 201, body: { issueId: issue.id, revision: 0, position: this.ids } };
    }
    const [, , issueId, , itemId, action] = path.split('/');
    const issue = this.issues.get(issueId);
    if (!issue) return { status: 404, body: { message: `unknown issue ${issueId}` } };
    if (t(at) < t(issue.last)) return bad(`occurredAt ${at} goes back before ${issue.last}`);
    if (issue.closedAt) return conflict('issue is closed');
    issue.last = at;
    const ok = (extra: object = {}) => ({
      status: 201,
      body: { issueId, revision: 1, position: ++this.ids, ...extra },
    });
    const kind = path.split('/')[3];
    if (kind === 'meetings') {
      issue.meetings.push(body);
      return ok({ meetingId: id() });
    }
    if (kind === 'escalations') {
      issue.escalations.push(body);
      return ok();
    }
    if (kind === 'closure') {
      if ([...issue.items.values()].some((i) => i.status !== 'verified'))
        return conflict('items not all verified');
      issue.closedAt = at;
      return ok();
    }
    if (kind === 'remediations' && !itemId) {
      if (t(body.dueAt) <= t(at)) return bad('dueAt must be after the assignment');
      const rid = id();
      issue.items.set(rid, { status: 'assigned', dueAt: body.dueAt, late: false });
      return ok({ remediationId: rid });
    }
    const item = issue.items.get(itemId);
    if (!item) return { status: 404, body: { message: `unknown item ${itemId}` } };
    if (action === 'completion') {
      if (item.status !== 'assigned' && item.status !== 'rejected')
        return conflict(`cannot complete a ${item.status} item`);
      item.status = 'completed';
      item.late = item.late || t(at) > t(item.dueAt);
      return ok();
    }
    if (action === 'verification') {
      if (item.status !== 'completed') return conflict(`cannot verify a ${item.status} item`);
      item.status = body.accepted ? 'verified' : 'rejected';
      if (!body.accepted) issue.rejections++;
      return ok();
    }
    if (item.status === 'verified') return conflict('cannot extend a verified item');
    if (action === 'extension-requests' && path.endsWith('/approval')) {
      const request = item.pending;
      if (!request || request.id !== path.split('/')[6]) return conflict('no such pending request');
      item.pending = undefined;
      item.dueAt = request.body.newDueAt;
      issue.extensions.push(request.body);
      return ok();
    }
    if (t(body.newDueAt) <= t(item.dueAt)) return bad('newDueAt must be later than the current due time');
    if (action === 'extension-requests') {
      if (item.pending) return conflict('a request is pending');
      item.pending = { id: id(), body };
      return ok({ requestId: item.pending.id });
    }
    item.dueAt = body.newDueAt;
    issue.extensions.push(body);
    return ok();
  }
}
