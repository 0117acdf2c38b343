import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allProjections } from '../../projections';
import { openEventStore, openReadStore } from '../../src/config/open-stores';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import { rebuildProjections } from '../../src/projections-runner/rebuild';
import { aReport, startTestApp, STORE_SETUPS, testConfig, type Client, type TestApp } from './test-app';

const HOUR = 3_600_000;
const shanghaiDate = (time = new Date()) => new Date(time.getTime() + 8 * HOUR).toISOString().slice(0, 10);
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** Every sheet of a workbook as plain values, row by row, for comparing two downloads. */
async function readWorkbook(body: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(body) as unknown as ExcelJS.Buffer);
  return workbook;
}
const sheetValues = (workbook: ExcelJS.Workbook) =>
  workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  });

/**
 * A review over real HTTP from draft to publication, each step by the role the contract names
 * (drafted by the supervisor, appealed by the district's own work group, decided and published
 * by leadership), its exports, and the promise that a published review never changes: not
 * with later events, a new formula file or a rebuild.
 */
describe.each(STORE_SETUPS)('reviews (%s)', (store) => {
  let t: TestApp;
  const period = shanghaiDate().slice(0, 7);
  let reviewId: string;
  let overdueIssue: string;
  let supervisor: Client;
  let xianganGroup: Client;
  let simingGroup: Client;
  /** A download as `client` (the leader by default), with its bearer token. */
  const download = (route: string, client: Client = t) =>
    fetch(`${t.url}${route}`, { headers: { authorization: `Bearer ${client.token}` } });
  const signInEveryone = async () => {
    supervisor = await t.createUser({ username: 'supervisor', role: 'supervisor', displayName: '督查室' });
    xianganGroup = await t.createUser({
      username: 'xiangan-group',
      role: 'work-group',
      district: 'xiangan',
      displayName: '驻翔安区工作组',
    });
    simingGroup = await t.createUser({
      username: 'siming-group',
      role: 'work-group',
      district: 'siming',
      displayName: '驻思明区工作组',
    });
  };
  beforeAll(async () => {
    t = await startTestApp(store);
    await signInEveryone();
    // An issue of this month that is overdue now: its item was due yesterday.
    const start = new Date(`${period}-01T09:00:00+08:00`).getTime();
    const reported = new Date(Math.min(start, Date.now() - 30 * HOUR)).toISOString();
    const issue = await t.post(
      '/issues',
      aReport({ district: 'xiangan', title: '翔安新城道路积水', occurredAt: reported }),
    );
    overdueIssue = issue.body.issueId;
    await t.post(`/issues/${overdueIssue}/remediations`, {
      responsibleUnit: '施工总包单位',
      action: '疏通排水',
      dueAt: ago(2),
      assignedBy: '驻翔安区工作组',
      occurredAt: reported,
    });
    const closedOne = await t.post('/issues', aReport({ district: 'siming', occurredAt: reported }));
    await t.post(`/issues/${closedOne.body.issueId}/closure`, {
      closedBy: '驻思明区工作组',
      resolution: '已整改',
    });
    await simingGroup.post('/groups/siming/record', {
      kind: 'on-site',
      date: shanghaiDate(),
      site: '何厝片区',
    });
    const tonganGroup = await t.createUser({
      username: 'tongan-group',
      role: 'work-group',
      district: 'tongan',
    });
    await tonganGroup.post('/groups/tongan/record', {
      kind: 'training',
      date: shanghaiDate(),
      topic: '起重机械安拆6个重点环节',
      participants: 60,
    });
  });
  afterAll(() => t.destroy());

  it('drafts, takes an appeal, decides it with an adjustment, and publishes', async () => {
    const draft = await supervisor.post('/reviews', { period });
    expect(draft.status).toBe(201);
    reviewId = draft.body.reviewId;
    const drafted = (await t.get(`/reviews/${reviewId}`)).body;
    expect(drafted.draftedBy).toBe('督查室');
    expect(drafted.history[0]).toMatchObject({ actor: 'supervisor', actorRole: 'supervisor' });
    expect(drafted).toMatchObject({ status: 'draft', period, formula: { version: '2023.1' } });
    expect(drafted.position).toBe(draft.body.position - 1);
    const xiangan = drafted.rows.find((r: { district: string }) => r.district === 'xiangan');
    expect(xiangan.openOverdue).toBe(1);

    expect((await t.post(`/reviews/${reviewId}/publication`, { publishedBy: '局长' })).status).toBe(201);
    const second = await supervisor.post('/reviews', { period, draftedBy: '督查室' });
    reviewId = second.body.reviewId; // a second review of the period, taken through appeals

    const appeal = await xianganGroup.post(`/reviews/${reviewId}/appeals`, {
      district: 'xiangan',
      reason: '逾期系暴雨停工所致',
      items: [{ issueId: overdueIssue, claim: '延期申请已提交' }],
    });
    expect(appeal.status).toBe(201);
    const early = await t.post(`/reviews/${reviewId}/publication`, { publishedBy: '局长' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/decide every appeal/);

    const decided = await supervisor.post(`/reviews/${reviewId}/appeals/${appeal.body.appealId}/decision`, {
      upheld: true,
      comment: '情况属实，扣分予以返还',
      adjustments: [{ district: 'xiangan', measure: 'overdue', delta: 4 }],
      decidedBy: '分管局领导',
    });
    expect(decided.status).toBe(201);
    const published = await t.post(`/reviews/${reviewId}/publication`, {
      comment: '讲评会通报',
      publishedBy: '局长',
    });
    expect(published.status).toBe(201);

    const review = (await t.get(`/reviews/${reviewId}`)).body;
    expect(review.status).toBe('published');
    const after = review.rows.find((r: { district: string }) => r.district === 'xiangan');
    expect(after.scoreParts.overdue).toBe(xiangan.scoreParts.overdue + 4);
    expect(review.appeals[0]).toMatchObject({ filedBy: '驻翔安区工作组' });
    expect(review.appeals[0].decision).toMatchObject({ upheld: true, decidedBy: '分管局领导' });
    expect(review.history.map((h: { type: string; actor: string }) => [h.type, h.actor])).toEqual([
      ['ReviewDrafted', 'supervisor'],
      ['AppealFiled', 'xiangan-group'],
      ['AppealDecided', 'supervisor'],
      ['ReviewPublished', 'leader'],
    ]);
    expect(
      (await simingGroup.post(`/reviews/${reviewId}/appeals`, { district: 'siming', reason: 'x' })).status,
    ).toBe(409);
    const list = (await t.get(`/reviews?period=${period}&minPosition=${published.body.position}`)).body;
    expect(list.items.map((r: { status: string }) => r.status)).toEqual(['published', 'published']);
  });

  it('exports the review as a workbook with Chinese sheets, frozen headers, dates and percentages', async () => {
    const answer = await download(`/reviews/${reviewId}/export.xlsx`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('spreadsheetml');
    expect(answer.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const workbook = await readWorkbook(await answer.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '排名',
      '问题清单',
      '逾期与升级',
      '日记录',
      '申诉',
    ]);
    const ranking = workbook.getWorksheet('排名')!;
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ranking.getRow(2).getCell(1).value).toBe('排名');
    expect(ranking.getRow(2).getCell(2).value).toBe('工作组');
    expect(ranking.getRow(2).getCell(4).value).toBe('按期销号（30分）');
    expect(ranking.getRow(1).getCell(1).value).toEqual(expect.stringContaining('市区联动月度工作汇总'));
    const headers = (ranking.getRow(2).values as string[]).slice(1);
    const rateColumn = headers.indexOf('按期销号率') + 1;
    const siming = [3, 4, 5, 6, 7, 8]
      .map((r) => ranking.getRow(r))
      .find((r) => r.getCell(2).value === '驻思明区工作组')!;
    expect(siming.getCell(rateColumn).value).toBe(1);
    expect(siming.getCell(rateColumn).numFmt).toBe('0.0%');
    // The 延期率 figures, as the review's frozen row has them.
    const row = (await t.get(`/reviews/${reviewId}`)).body.rows.find(
      (r: { district: string }) => r.district === 'siming',
    );
    const column = (header: string) => siming.getCell(headers.indexOf(header) + 1);
    expect(headers.slice(-4)).toEqual(['下达整改项', '延期整改项', '延期率', '延期次数']);
    expect(column('下达整改项').value).toBe(row.itemsAssigned);
    expect(column('延期整改项').value).toBe(row.itemsExtended);
    expect(column('延期率').value ?? null).toBe(row.extensionRate);
    expect(column('延期率').numFmt).toBe('0.0%');
    expect(column('延期次数').value).toBe(row.extensions);
    expect(typeof siming.getCell(3).value).toBe('number');
    expect(ranking.getColumn(2).width).toBeGreaterThanOrEqual(16); // 驻思明区工作组: 7 Chinese characters

    const issues = workbook.getWorksheet('问题清单')!;
    expect(issues.getRow(2).getCell(6).value).toBe('上报时间');
    expect(issues.getRow(3).getCell(6).value).toBeInstanceOf(Date);
    const overdue = workbook.getWorksheet('逾期与升级')!;
    expect(overdue.getRow(3).getCell(2).value).toBe('翔安新城道路积水');
    expect(overdue.getRow(3).getCell(10).value).toBe('未销号（已逾期）');
    const record = workbook.getWorksheet('日记录')!;
    expect(record.getRow(3).getCell(1).value).toBeInstanceOf(Date);
    const kinds = [3, 4].map((r) => record.getRow(r).getCell(3).value);
    expect(kinds.sort()).toEqual(['下沉一线', '培训宣贯']);
    const appeals = workbook.getWorksheet('申诉')!;
    expect(appeals.getRow(3).getCell(1).value).toBe('驻翔安区工作组');
    expect(appeals.getRow(3).getCell(6).value).toBe('申诉成立');

    const period = await download(`/groups/performance/export.xlsx?period=${shanghaiDate().slice(0, 7)}`);
    expect(period.status).toBe(200);
    const monthly = await readWorkbook(await period.arrayBuffer());
    expect(monthly.worksheets.map((s) => s.name)).toEqual([
      '排名',
      '问题清单',
      '逾期与升级',
      '日记录',
      '申诉',
    ]);
  });

  it('exports the ranking as CSV with a BOM, and a printable page with the appeals', async () => {
    const csv = await download(`/reviews/${reviewId}/export.csv`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0].startsWith('排名,工作组,总分,按期销号（30分）')).toBe(true);
    expect(lines).toHaveLength(7);
    const page = await download(`/reviews/${reviewId}/print`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<h1>');
    expect(html).toContain(`考核期间：${shanghaiDate().slice(0, 7)}`);
    expect(html).toContain('申诉成立');
    expect(html).toContain('驻翔安区工作组');
  });

  it('is drafted, appealed, decided and published only by the roles the contract names; the bureau reads it', async () => {
    const bureau = await t.createUser({
      username: 'siming-bureau',
      role: 'district-bureau',
      district: 'siming',
    });
    const division = await t.createUser({ username: 'division', role: 'division' });
    const appealId = (await t.get(`/reviews/${reviewId}`)).body.appeals[0].appealId;
    const head = (await t.get('/health')).body.eventStore.headPosition;
    const refusals = [
      [await bureau.post('/reviews', { period }), 403, /role district-bureau may not draft reviews/],
      [await simingGroup.post('/reviews', { period }), 403, /role work-group may not draft reviews/],
      [
        await simingGroup.post(`/reviews/${reviewId}/appeals`, { district: 'xiangan', reason: 'x' }),
        403,
        /siming-group acts for siming; it may not appeal for xiangan/,
      ],
      [
        await division.post(`/reviews/${reviewId}/appeals/${appealId}/decision`, {
          upheld: false,
          comment: 'x',
        }),
        403,
        /role division may not decide appeals/,
      ],
      [await supervisor.post(`/reviews/${reviewId}/publication`, {}), 403, /role supervisor may not publish/],
      [await division.post(`/reviews/${reviewId}/publication`, {}), 403, /role division may not publish/],
      [await t.admin.get('/reviews'), 403, /role admin may not read the reviews/],
      [await t.admin.get(`/reviews/${reviewId}`), 403, /role admin may not read the reviews/],
      [await t.anonymous.get(`/reviews/${reviewId}/export.csv`), 401, /./],
    ] as const;
    for (const [answer, status, message] of refusals) {
      expect({ status: answer.status, message: answer.body.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    expect((await download(`/reviews/${reviewId}/export.xlsx`, t.admin)).status).toBe(403);
    expect((await t.get('/health')).body.eventStore.headPosition).toBe(head);

    // Every role of the bureau reads the review; the issue sheets hold only what the reader may see.
    expect((await bureau.get(`/reviews/${reviewId}`)).body.status).toBe('published');
    const sheets = sheetValues(
      await readWorkbook(await (await download(`/reviews/${reviewId}/export.xlsx`, bureau)).arrayBuffer()),
    );
    const groupsIn = (name: string) => [
      ...new Set(
        sheets
          .find((s) => s.name === name)!
          .rows.slice(2)
          .map((r) => r[0]),
      ),
    ];
    expect(sheets.find((s) => s.name === '排名')!.rows.slice(2)).toHaveLength(6);
    expect(groupsIn('问题清单')).toEqual(['驻思明区工作组']);
    expect(groupsIn('逾期与升级')).toEqual([]);
    expect(groupsIn('申诉')).toEqual(['驻翔安区工作组']);
    const monthly = sheetValues(
      await readWorkbook(
        await (await download(`/groups/performance/export.xlsx?period=${period}`, bureau)).arrayBuffer(),
      ),
    );
    expect([
      ...new Set(
        monthly
          .find((s) => s.name === '问题清单')!
          .rows.slice(2)
          .map((r) => r[0]),
      ),
    ]).toEqual(['驻思明区工作组']);
  });

  it('answers the same after later events, a new formula file and a rebuild of every projection', async () => {
    const before = {
      review: (await t.get(`/reviews/${reviewId}`)).body,
      csv: await (await download(`/reviews/${reviewId}/export.csv`)).text(),
      sheets: sheetValues(
        await readWorkbook(await (await download(`/reviews/${reviewId}/export.xlsx`)).arrayBuffer()),
      ),
    };
    // Later events: the overdue item is done and the issue closed, more record entries.
    const issue = (await t.get(`/issues/${overdueIssue}`)).body;
    const rid = issue.remediations[0].remediationId;
    await t.post(`/issues/${overdueIssue}/remediations/${rid}/completion`, { reportedBy: '施工总包单位' });
    await t.post(`/issues/${overdueIssue}/remediations/${rid}/verification`, {
      verifiedBy: '驻翔安区工作组',
      accepted: true,
    });
    await t.post(`/issues/${overdueIssue}/closure`, { closedBy: '驻翔安区工作组', resolution: '排水疏通' });
    await xianganGroup.post('/groups/xiangan/record', {
      kind: 'seminar',
      date: shanghaiDate(),
      topic: '经验分享座谈会',
    });
    await t.close();

    // A new formula: other weights, another version.
    const formula = path.join(t.config.dataDir, 'scoring-2099.yaml');
    const shipped = fs.readFileSync(path.join(__dirname, '../../config/scoring.yaml'), 'utf8');
    fs.writeFileSync(
      formula,
      shipped
        .replace('version: "2023.1"', 'version: "2099.1"')
        .replace('weight: 30', 'weight: 10')
        .replace('weight: 20\n    figure: onSiteShare', 'weight: 40\n    figure: onSiteShare'),
    );
    const events = await openEventStore(t.config);
    const readStore = await openReadStore(t.config);
    await rebuildProjections(events, readStore, allProjections, upcastIssueEvent);
    await readStore.close();
    await events.close();
    t = await startTestApp(store, { ...t.config, scoringFormula: formula });

    const live = (await t.get(`/groups/performance?period=${period}`)).body;
    expect(live.formula.version).toBe('2099.1');
    expect(live.rows.find((r: { district: string }) => r.district === 'xiangan').openOverdue).toBe(0);
    expect((await t.get(`/reviews/${reviewId}`)).body).toEqual(before.review);
    expect(await (await download(`/reviews/${reviewId}/export.csv`)).text()).toBe(before.csv);
    const sheets = sheetValues(
      await readWorkbook(await (await download(`/reviews/${reviewId}/export.xlsx`)).arrayBuffer()),
    );
    expect(sheets).toEqual(before.sheets);
  });
});

describe('the scoring formula at start', () => {
  it('refuses to start on a formula whose weights do not add up, naming the entry', async () => {
    const bad = testConfig('sqlite');
    const file = path.join(bad.dataDir, 'scoring.yaml');
    const shipped = fs.readFileSync(path.join(__dirname, '../../config/scoring.yaml'), 'utf8');
    fs.writeFileSync(file, shipped.replace('weight: 30', 'weight: 35'));
    await expect(startTestApp('sqlite', { ...bad, scoringFormula: file })).rejects.toThrow(
      /SCORING_FORMULA .*scoring\.yaml: measures: the weights add up to 105, not 100/,
    );
    fs.rmSync(bad.dataDir, { recursive: true, force: true });
  });
});
