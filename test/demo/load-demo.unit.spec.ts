import { loadDemo, type DemoClient } from '../../src/demo/load-demo';
import { WORKING_DAYS_Q1_2023 } from '../../src/demo/generated-issues';
import { CATEGORIES, DISTRICTS, MEETING_KINDS, SEVERITIES, SOURCES } from '../../src/issues/domain/vocabulary';

// A fake of the server at its HTTP edge: it checks each body against shared/API.md, enforces
// the state rules the real engine enforces (refusing with 400/404/409 as it would), honours
// Idempotency-Key, and keeps what it accepted so the tests can read the story back.

type Item = { status: 'assigned' | 'completed' | 'verified' | 'rejected'; dueAt: string; late: boolean };
type Issue = {
  id: string; report: any; last: string; closedAt?: string; items: Map<string, Item>;
  meetings: any[]; escalations: any[]; rejections: number; extensions: any[];
};
type Request = { path: string; body: any; headers: Record<string, string> };

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;
const ROUTES: Array<{ re: RegExp; required: string[]; optional: string[] }> = [
  { re: /^\/issues$/, required: ['title', 'category', 'severity', 'district', 'source', 'reportedBy'], optional: ['description', 'site'] },
  { re: /^\/issues\/[^/]+\/meetings$/, required: ['kind', 'heldAt', 'convenedBy', 'attendees'], optional: ['summary', 'decisions'] },
  { re: /^\/issues\/[^/]+\/remediations$/, required: ['responsibleUnit', 'action', 'dueAt', 'assignedBy'], optional: [] },
  { re: /^\/issues\/[^/]+\/remediations\/[^/]+\/completion$/, required: ['reportedBy'], optional: ['evidence'] },
  { re: /^\/issues\/[^/]+\/remediations\/[^/]+\/verification$/, required: ['verifiedBy', 'accepted'], optional: ['comment'] },
  { re: /^\/issues\/[^/]+\/remediations\/[^/]+\/extension$/, required: ['newDueAt', 'reason', 'approvedBy'], optional: [] },
  { re: /^\/issues\/[^/]+\/escalations$/, required: ['by', 'reason'], optional: [] },
  { re: /^\/issues\/[^/]+\/closure$/, required: ['closedBy', 'resolution'], optional: ['force'] },
];
const ENUMS: Record<string, readonly unknown[]> = {
  category: CATEGORIES, severity: SEVERITIES, district: DISTRICTS, source: SOURCES, kind: MEETING_KINDS,
};
const t = (iso: string) => Date.parse(iso);

class ContractFake implements DemoClient {
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
    if (answer.status === 201) { this.answers.set(key, answer); this.appended++; }
    return answer;
  }

  private handle(path: string, body: any): { status: number; body: any } {
    const bad = (message: string) => ({ status: 400, body: { message: `${path}: ${message}` } });
    const conflict = (message: string) => ({ status: 409, body: { message: `${path}: ${message}` } });
    const route = ROUTES.find((r) => r.re.test(path));
    if (!route) return { status: 404, body: { message: `no route ${path}` } };
    const missing = route.required.filter((f) => body[f] === undefined || body[f] === '');
    if (missing.length) return bad(`missing ${missing.join(', ')}`);
    const unknown = Object.keys(body).filter((f) => ![...route.required, ...route.optional, 'occurredAt'].includes(f));
    if (unknown.length) return bad(`unknown fields ${unknown.join(', ')}`);
    for (const [field, allowed] of Object.entries(ENUMS)) {
      if (field in body && !allowed.includes(body[field])) return bad(`${field} ${body[field]} not allowed`);
    }
    for (const f of ['occurredAt', 'heldAt', 'dueAt', 'newDueAt']) {
      if (f in body && !ISO_OFFSET.test(body[f])) return bad(`${f} is not ISO-8601 with offset`);
    }
    if (!body.occurredAt) return bad('demo commands must carry occurredAt');
    if ('attendees' in body && (!Array.isArray(body.attendees) || body.attendees.length === 0)) return bad('attendees empty');
    if ('accepted' in body && typeof body.accepted !== 'boolean') return bad('accepted must be boolean');
    const at = body.occurredAt as string;
    const id = () => `id${++this.ids}`;

    if (path === '/issues') {
      const issue: Issue = { id: id(), report: body, last: at, items: new Map(), meetings: [], escalations: [], rejections: 0, extensions: [] };
      this.issues.set(issue.id, issue);
      return { status: 201, body: { issueId: issue.id, revision: 0, position: this.ids } };
    }
    const [, , issueId, , itemId, action] = path.split('/');
    const issue = this.issues.get(issueId);
    if (!issue) return { status: 404, body: { message: `unknown issue ${issueId}` } };
    if (t(at) < t(issue.last)) return bad(`occurredAt ${at} goes back before ${issue.last}`);
    if (issue.closedAt) return conflict('issue is closed');
    issue.last = at;
    const ok = (extra: object = {}) => ({ status: 201, body: { issueId, revision: 1, position: ++this.ids, ...extra } });
    const kind = path.split('/')[3];
    if (kind === 'meetings') { issue.meetings.push(body); return ok({ meetingId: id() }); }
    if (kind === 'escalations') { issue.escalations.push(body); return ok(); }
    if (kind === 'closure') {
      if ([...issue.items.values()].some((i) => i.status !== 'verified')) return conflict('items not all verified');
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
      if (item.status !== 'assigned' && item.status !== 'rejected') return conflict(`cannot complete a ${item.status} item`);
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
    if (t(body.newDueAt) <= t(item.dueAt)) return bad('newDueAt must be later than the current due time');
    item.dueAt = body.newDueAt;
    issue.extensions.push(body);
    return ok();
  }
}

const loaded = async () => {
  const fake = new ContractFake();
  const result = await loadDemo(fake);
  return { fake, result, issues: [...fake.issues.values()] };
};
const byTitle = (issues: Issue[], fragment: string) => {
  const found = issues.filter((i) => i.report.title.includes(fragment));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('loadDemo', () => {
  it('loads every scenario through the contract without a single refusal', async () => {
    const { fake, result } = await loaded();
    expect(result.commands).toBe(fake.requests.length);
    expect(result.issues).toBe(fake.issues.size);
    expect(fake.appended).toBe(result.commands);
    expect(result.issues).toBeGreaterThanOrEqual(65);
  });

  it('dates every command on a Q1 2023 working day in Asia/Shanghai office hours, lunch excepted', async () => {
    const { fake } = await loaded();
    for (const { body } of fake.requests) {
      const [, day, time] = /^(2023-\d{2}-\d{2})T(\d{2}:\d{2}):00\+08:00$/.exec(body.occurredAt) ?? [];
      expect(WORKING_DAYS_Q1_2023).toContain(day);
      const inOffice = (time >= '08:30' && time < '12:00') || (time >= '14:00' && time <= '17:30');
      if (!inOffice) throw new Error(`${body.occurredAt} is outside office hours`);
    }
    expect(WORKING_DAYS_Q1_2023[0]).toBe('2023-01-03');
    expect(WORKING_DAYS_Q1_2023).toContain('2023-01-28'); // Spring Festival make-up day
    expect(WORKING_DAYS_Q1_2023).not.toContain('2023-01-24');
    expect(WORKING_DAYS_Q1_2023[WORKING_DAYS_Q1_2023.length - 1]).toBe('2023-03-31');
  });

  it('derives unique idempotency keys, so a second load sends the same requests and appends nothing', async () => {
    const fake = new ContractFake();
    const first = await loadDemo(fake);
    const firstRequests = JSON.stringify(fake.requests);
    const keys = fake.requests.map((r) => r.headers['Idempotency-Key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => /^demo-2023q1-[a-z0-9-]+$/.test(k))).toBe(true);

    const second = await loadDemo(fake);
    expect(second).toEqual(first);
    expect(fake.appended).toBe(first.commands);
    expect(JSON.stringify(fake.requests.slice(first.commands))).toBe(firstRequests);
  });

  it('throws with the server answer on a refusal', async () => {
    const refusing: DemoClient = { post: async () => ({ status: 409, body: { message: 'issue is closed' } }) };
    await expect(loadDemo(refusing)).rejects.toThrow(/409.*issue is closed/);
  });

  it('covers all six districts, five categories, severities, sources and meeting kinds', async () => {
    const { issues } = await loaded();
    const seen = (f: string) => new Set(issues.map((i) => i.report[f]));
    expect([...seen('district')].sort()).toEqual([...DISTRICTS].sort());
    expect([...seen('category')].sort()).toEqual([...CATEGORIES].sort());
    expect([...seen('severity')].sort()).toEqual([...SEVERITIES].sort());
    expect([...seen('source')].sort()).toEqual([...SOURCES].sort());
    expect(new Set(issues.flatMap((i) => i.meetings.map((m) => m.kind))).size).toBe(MEETING_KINDS.length);
    const technical = issues.filter((i) => i.report.category === 'technical-difficulty');
    expect(technical.length).toBeGreaterThanOrEqual(58);
    expect(technical.length).toBeLessThanOrEqual(70);
    expect(technical.every((i) => i.items.size >= 1 && i.items.size <= 3)).toBe(true);
  });

  it('tells the Siming case: a coordination meeting, one item per task, closed 8 days after the report', async () => {
    const siming = byTitle((await loaded()).issues, '何厝');
    expect(siming.report.district).toBe('siming');
    expect(siming.meetings[0].kind).toBe('site-coordination');
    expect(siming.items.size).toBeGreaterThanOrEqual(4);
    expect((t(siming.closedAt!) - t(siming.report.occurredAt)) / 86_400_000).toBeCloseTo(8, 0);
  });

  it('tells the Huli cases: a summons, a rejected-then-redone item, an extension, and a petition', async () => {
    const { issues } = await loaded();
    const soiling = byTitle(issues, '渣土车污染路面');
    expect(soiling.report.source).toBe('referral');
    expect(soiling.meetings.map((m) => m.kind)).toContain('summons');
    expect(soiling.rejections).toBe(1);
    expect(soiling.extensions[0]).toMatchObject({ reason: expect.any(String), approvedBy: expect.any(String) });
    expect(soiling.closedAt).toBeDefined();
    const petition = byTitle(issues, '钟宅片区居民信访');
    expect(petition.report).toMatchObject({ source: 'petition', category: 'petition-complaint', district: 'huli' });
    expect(petition.closedAt).toBeDefined();
  });

  it('tells the Haicang case: joint inspection, expert consultation, one re-selection still open and overdue', async () => {
    const haicang = byTitle((await loaded()).issues, '桩长');
    expect(haicang.report.category).toBe('technical-difficulty');
    expect(haicang.meetings.map((m) => m.kind)).toEqual(['joint-inspection', 'expert-consultation']);
    expect(haicang.closedAt).toBeUndefined();
    const open = [...haicang.items.values()].filter((i) => i.status === 'assigned');
    expect(open).toHaveLength(1);
    expect(open[0].dueAt.startsWith('2023-03')).toBe(true);
  });

  it('tells the Tong\'an case: trainings, teaching, surprise checks, a contest and one manual escalation', async () => {
    const { fake, issues } = await loaded();
    const tongan = byTitle(issues, '起重机械');
    expect(tongan.report.category).toBe('safety-emergency');
    expect(tongan.escalations).toHaveLength(1);
    const actions = fake.requests.filter((r) => r.path === `/issues/${tongan.id}/remediations`).map((r) => r.body.action).join(' ');
    for (const words of ['6个重点环节', '8大要素', '3场次', '突击检查', '知识竞赛']) expect(actions).toContain(words);
    expect(tongan.closedAt).toBeDefined();
  });

  it('makes districts perform differently: on-time closure rates spread, some late, a few still open', async () => {
    const { issues } = await loaded();
    const onTime = (d: string) => {
      const mine = issues.filter((i) => i.report.district === d);
      return mine.filter((i) => i.closedAt && [...i.items.values()].every((x) => !x.late)).length / mine.length;
    };
    const rates = DISTRICTS.map(onTime);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThanOrEqual(0.2);
    expect(onTime('siming')).toBeGreaterThan(onTime('xiangan'));
    const open = issues.filter((i) => !i.closedAt).length;
    expect(open).toBeGreaterThanOrEqual(3);
    expect(open).toBeLessThan(issues.length / 3);
    expect(issues.some((i) => [...i.items.values()].some((x) => x.late))).toBe(true);
  });
});
