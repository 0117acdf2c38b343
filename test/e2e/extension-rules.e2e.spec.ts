import { headOf } from '../identity/identity-helpers';
import { aReport, hoursFromNow, startTestApp, STORE_SETUPS, type Client, type TestApp } from './test-app';

/**
 * Extensions by the shipped policy's rules over real HTTP (config/escalation-policy.yaml
 * `extensions:`). A key project (high) falls under `extensions.key-project.*`: twice, 2w each,
 * the division alone. A petition under `extensions.petition-complaint.*`: once, 30d, approved by
 * the leadership on somebody else's request. Calendar durations both, so the real clock's date
 * does not matter.
 */
describe.each(STORE_SETUPS)('extensions by the rules (%s)', (store) => {
  let t: TestApp;
  let division: Client;
  let group: Client;
  let otherLeader: Client;

  beforeAll(async () => {
    t = await startTestApp(store);
    division = await t.createUser({
      username: 'ext-division',
      role: 'division',
      displayName: '城建处 王处长',
    });
    group = await t.createUser({
      username: 'ext-group',
      role: 'work-group',
      district: 'siming',
      displayName: '驻思明区工作组 李组长',
    });
    otherLeader = await t.createUser({
      username: 'ext-leader-2',
      role: 'leadership',
      displayName: '局领导 二',
    });
  });
  afterAll(() => t.destroy());

  const created = (answer: { status: number; body: any }) => {
    if (answer.status !== 201) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  async function anItem(category: string, severity = 'high') {
    const { issueId } = created(await t.post('/issues', aReport({ category, severity })));
    const dueAt = hoursFromNow(48);
    const { remediationId, position } = created(
      await t.post(`/issues/${issueId}/remediations`, { responsibleUnit: '某项目部', action: '整改', dueAt }),
    );
    return { issueId, rid: remediationId as string, dueAt, position: position as number };
  }
  const later = (from: string, hours: number) => new Date(Date.parse(from) + hours * 3_600_000).toISOString();
  const view = async (issueId: string, position: number) =>
    (await t.get(`/issues/${issueId}?minPosition=${position}`)).body;
  async function refused(client: Client, route: string, body: unknown, status: number, message: RegExp) {
    const before = await headOf(t);
    const answer = await client.post(route, body);
    expect({ status: answer.status, message: answer.body.message }).toEqual({
      status,
      message: expect.stringMatching(message),
    });
    expect(await headOf(t)).toBe(before);
  }

  it('refuses an extension over the cap (409, naming the rule) and records the approver from the identity', async () => {
    const { issueId, rid, dueAt } = await anItem('key-project');
    const route = `/issues/${issueId}/remediations/${rid}/extension`;
    await refused(
      division,
      route,
      { newDueAt: later(dueAt, 24), reason: '征地延迟', approvedBy: '别人' },
      400,
      /approvedBy is not taken from the body: the signed-in principal is recorded/,
    );
    await refused(
      group,
      route,
      { newDueAt: later(dueAt, 24), reason: '征地延迟' },
      403,
      /extensions\.key-project\.\* lets division, leadership approve extensions; role work-group may not/,
    );
    await refused(
      division,
      route,
      { newDueAt: later(dueAt, 15 * 24), reason: '征地延迟' },
      409,
      /extensions\.key-project\.\* allows an extension of at most 2w/,
    );
    created(await division.post(route, { newDueAt: later(dueAt, 24), reason: '征地延迟' }));
    const second = created(await division.post(route, { newDueAt: later(dueAt, 48), reason: '资金未到位' }));
    await refused(
      division,
      route,
      { newDueAt: later(dueAt, 72), reason: '又延迟' },
      409,
      /^the policy rule extensions\.key-project\.\* allows 2 extensions per item and this item has had 2 \(key projects/,
    );
    const history = (await t.get(`/issues/${issueId}/history`)).body as any[];
    const extensions = history.filter((e) => e.type === 'DeadlineExtended');
    expect(extensions.map((e) => [e.data.approvedBy, e.actor, e.actorRole])).toEqual([
      ['城建处 王处长', 'ext-division', 'division'],
      ['城建处 王处长', 'ext-division', 'division'],
    ]);
    const item = (await view(issueId, second.position)).remediations[0];
    expect(item).toMatchObject({ extensionCount: 2, maxExtensions: 2, pendingExtensionRequests: [] });
  });

  it('takes a request, shows it pending, and moves the due time when another approver approves it', async () => {
    const { issueId, rid, dueAt } = await anItem('petition-complaint');
    const requests = `/issues/${issueId}/remediations/${rid}/extension-requests`;
    await refused(
      t,
      `/issues/${issueId}/remediations/${rid}/extension`,
      { newDueAt: later(dueAt, 24), reason: '案情复杂' },
      403,
      /extensions\.petition-complaint\.\* lets nobody extend alone: request the extension/,
    );
    const asked = created(
      await group.post(requests, { newDueAt: later(dueAt, 10 * 24), reason: '需调查取证' }),
    );
    expect(asked.requestId).toEqual(expect.any(String));
    const pending = await view(issueId, asked.position);
    expect(pending.extensionRule).toMatchObject({
      entry: 'extensions.petition-complaint.*',
      maxExtensions: 1,
      maxLength: '30d',
      approvers: ['leadership'],
      requesterMayApprove: false,
    });
    expect(pending.remediations[0]).toMatchObject({
      extensionCount: 0,
      maxExtensions: 1,
      pendingExtensionRequests: [
        {
          requestId: asked.requestId,
          status: 'pending',
          requestedBy: '驻思明区工作组 李组长',
          reason: '需调查取证',
        },
      ],
    });
    await refused(
      division,
      `${requests}/${asked.requestId}/approval`,
      {},
      403,
      /role division may not approve/,
    );
    const approved = created(
      await t.post(`${requests}/${asked.requestId}/approval`, { comment: '同意延期' }),
    );
    const after = await view(issueId, approved.position);
    expect(after.remediations[0]).toMatchObject({
      dueAt: later(dueAt, 10 * 24),
      extensionCount: 1,
      pendingExtensionRequests: [],
      extensionRequests: [{ status: 'approved', decidedBy: '局领导', decisionNote: '同意延期' }],
    });
    await refused(
      group,
      requests,
      { newDueAt: later(dueAt, 11 * 24), reason: '再延' },
      409,
      /allows 1 extension per item and this item has had 1/,
    );
  });

  it('refuses the requester approving alone, takes a refusal with its reason, and a new request after it', async () => {
    const { issueId, rid, dueAt } = await anItem('petition-complaint');
    const requests = `/issues/${issueId}/remediations/${rid}/extension-requests`;
    const own = created(await t.post(requests, { newDueAt: later(dueAt, 5 * 24), reason: '案情复杂' }));
    await refused(
      t,
      `${requests}/${own.requestId}/approval`,
      {},
      403,
      /lets no requester approve their own extension/,
    );
    created(await otherLeader.post(`${requests}/${own.requestId}/refusal`, { reason: '材料已齐' }));
    await refused(otherLeader, `${requests}/${own.requestId}/approval`, {}, 409, /was already refused/);
    const again = created(await group.post(requests, { newDueAt: later(dueAt, 3 * 24), reason: '补充材料' }));
    const shown = await view(issueId, again.position);
    expect(shown.remediations[0].extensionRequests.map((r: any) => [r.status, r.decisionNote])).toEqual([
      ['refused', '材料已齐'],
      ['pending', null],
    ]);
    expect(shown.remediations[0].extensionCount).toBe(0);
  });
});
