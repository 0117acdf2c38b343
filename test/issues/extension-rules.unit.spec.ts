import { chineseWorkingCalendar } from '../../src/escalation/calendar/chinese-working-calendar';
import { defaultPolicyFile, loadEscalationPolicy } from '../../src/escalation/policy/load-policy';
import { extensionRulesOf } from '../../src/issues/commands/extension-rules';
import {
  decideIssue,
  evolveIssue,
  initialIssueState,
  type ApproveExtension,
  type DecisionContext,
  type ExtendDeadline,
  type IssueCommand,
  type IssueEvent,
  type RefuseExtension,
  type RequestExtension,
  type Sender,
} from '../../src/issues/domain';
import {
  ForbiddenByRuleError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import {
  ISSUE_ID,
  TEST_CONTEXT,
  assigned,
  completed,
  extended,
  given as givenWithoutRules,
  meta,
  reported,
  verified,
} from './given-when-then';

/**
 * Extensions under the shipped policy's rules (config/escalation-policy.yaml `extensions:`),
 * measured on the real working calendar. The issue is a key project: high severity falls under
 * `extensions.key-project.*` (twice, 2w each, the division alone), critical under
 * `extensions.key-project.critical` (once, 5wd, requested and approved by different people).
 */
const RULES: DecisionContext = {
  ...TEST_CONTEXT,
  extensions: extensionRulesOf(loadEscalationPolicy(defaultPolicyFile()), chineseWorkingCalendar()),
};
const given = (events: IssueEvent[]) => givenWithoutRules(events, RULES);

const AT = '2023-03-09T22:00:00.000Z';
const DUE = '2023-03-15T09:00:00.000Z';
const WEEK_LATER = '2023-03-22T09:00:00.000Z';
const critical = reported({ severity: 'critical' });

const division = (actor = 'division-head'): Sender => ({ actor, role: 'division', name: `${actor} (处长)` });
const group: Sender = { actor: 'haicang-group', role: 'work-group', name: '驻海沧区工作组' };
const bureau: Sender = { actor: 'haicang-bureau', role: 'district-bureau', name: '海沧区建设局' };

const extend = (newDueAt: string, by: Sender = division()): ExtendDeadline => ({
  type: 'ExtendDeadline',
  data: { remediationId: 'r-1', newDueAt: new Date(newDueAt), reason: 'land handover late', by },
  metadata: meta(AT),
});
const request = (newDueAt: string, by: Sender = group, requestId = 'x-1'): RequestExtension => ({
  type: 'RequestExtension',
  data: {
    requestId,
    remediationId: 'r-1',
    newDueAt: new Date(newDueAt),
    reason: 'piling rig broke down',
    by,
  },
  metadata: meta(AT),
});
const approve = (by: Sender = division(), requestId = 'x-1'): ApproveExtension => ({
  type: 'ApproveExtension',
  data: { requestId, remediationId: 'r-1', comment: ' ok ', by },
  metadata: meta(AT),
});
const refuse = (by: Sender = division(), requestId = 'x-1'): RefuseExtension => ({
  type: 'RefuseExtension',
  data: { requestId, remediationId: 'r-1', reason: 'a second rig is on site', by },
  metadata: meta(AT),
});

/** The past after `commands`, each decided under the rules on the events before it. */
const past = (events: IssueEvent[], ...commands: IssueCommand[]): IssueEvent[] =>
  commands.reduce<IssueEvent[]>(
    (sofar, command) => [
      ...sofar,
      ...decideIssue(command, sofar.reduce(evolveIssue, initialIssueState()), ISSUE_ID, RULES),
    ],
    events,
  );

describe('an extension made alone, under the rule', () => {
  it('records the sender as the approver and moves the due time', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend(WEEK_LATER))
      .then([
        {
          type: 'DeadlineExtended',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            previousDueAt: DUE,
            newDueAt: WEEK_LATER,
            reason: 'land handover late',
            approvedBy: 'division-head (处长)',
            occurredAt: AT,
          },
        },
      ]);
  });

  it('refuses one over the cap (409), naming the rule', () => {
    given([
      reported(),
      assigned('r-1', DUE),
      extended('r-1', DUE, WEEK_LATER),
      extended('r-1', WEEK_LATER, '2023-03-29T09:00:00.000Z'),
    ])
      .when(extend('2023-04-05T09:00:00.000Z'))
      .thenThrows(
        StateConflictError,
        'the policy rule extensions.key-project.* allows 2 extensions per item and this item has had 2',
      );
  });

  it('refuses one longer than the rule allows (409), naming the rule and the latest due time', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend('2023-03-29T09:00:01.000Z'))
      .thenThrows(
        StateConflictError,
        'the policy rule extensions.key-project.* allows an extension of at most 2w: the latest due time is 2023-03-29T09:00:00.000Z',
      );
  });

  it('refuses a role the rule does not let approve (403), naming the rule', () => {
    given([reported(), assigned('r-1', DUE)])
      .when(extend(WEEK_LATER, group))
      .thenThrows(
        ForbiddenByRuleError,
        'the policy rule extensions.key-project.* lets division, leadership approve extensions; role work-group may not extend deadlines under it',
      );
  });

  it('refuses to extend alone where the requester may not approve (403), pointing to a request', () => {
    given([critical, assigned('r-1', DUE)])
      .when(extend('2023-03-16T09:00:00.000Z'))
      .thenThrows(
        ForbiddenByRuleError,
        `the policy rule extensions.key-project.critical lets nobody extend alone: request the extension (POST /issues/${ISSUE_ID}/remediations/r-1/extension-requests)`,
      );
  });

  it('is not limited where the policy states no rule (the access policy alone decides)', () => {
    givenWithoutRules([reported(), assigned('r-1', DUE)])
      .when(extend('2023-06-01T09:00:00.000Z', group))
      .then([expect.objectContaining({ type: 'DeadlineExtended' }) as IssueEvent]);
  });
});

describe('an extension requested and approved', () => {
  const requestedEvent: IssueEvent = {
    type: 'ExtensionRequested',
    data: {
      issueId: ISSUE_ID,
      remediationId: 'r-1',
      requestId: 'x-1',
      currentDueAt: DUE,
      newDueAt: '2023-03-22T09:00:00.000Z',
      reason: 'piling rig broke down',
      requestedBy: '驻海沧区工作组',
      requestedByActor: 'haicang-group',
      requestedByRole: 'work-group',
      rule: 'extensions.key-project.critical',
      occurredAt: AT,
    },
  };

  it('records the request with its requester and rule', () => {
    // 5wd from Wednesday 15 March 2023 is Wednesday 22 March.
    given([critical, assigned('r-1', DUE)])
      .when(request('2023-03-22T09:00:00.000Z'))
      .then([requestedEvent]);
  });

  it('refuses a request the rule could not approve: over the cap, too long (409)', () => {
    given([critical, assigned('r-1', DUE), extended('r-1', DUE, '2023-03-16T09:00:00.000Z')])
      .when(request('2023-03-17T09:00:00.000Z'))
      .thenThrows(
        StateConflictError,
        'extensions.key-project.critical allows 1 extension per item and this item has had 1',
      );
    given([critical, assigned('r-1', DUE)])
      .when(request('2023-03-22T09:00:01.000Z'))
      .thenThrows(StateConflictError, 'allows an extension of at most 5wd');
  });

  it('moves the due time on approval by another approver: ExtensionApproved, then DeadlineExtended', () => {
    given([critical, assigned('r-1', DUE), requestedEvent])
      .when(approve())
      .then([
        {
          type: 'ExtensionApproved',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            requestId: 'x-1',
            approvedBy: 'division-head (处长)',
            approvedByActor: 'division-head',
            approvedByRole: 'division',
            comment: 'ok',
            occurredAt: AT,
          },
        },
        {
          type: 'DeadlineExtended',
          data: {
            issueId: ISSUE_ID,
            remediationId: 'r-1',
            previousDueAt: DUE,
            newDueAt: '2023-03-22T09:00:00.000Z',
            reason: 'piling rig broke down',
            approvedBy: 'division-head (处长)',
            occurredAt: AT,
          },
        },
      ]);
  });

  it('refuses the requester approving their own request (403), and lets another approver do it', () => {
    const own = past([critical, assigned('r-1', DUE)], request('2023-03-22T09:00:00.000Z', division()));
    given(own)
      .when(approve(division()))
      .thenThrows(
        ForbiddenByRuleError,
        'the policy rule extensions.key-project.critical lets no requester approve their own extension',
      );
    given(own)
      .when(approve(division('deputy-division-head')))
      .then([
        expect.objectContaining({ type: 'ExtensionApproved' }) as IssueEvent,
        expect.objectContaining({ type: 'DeadlineExtended' }) as IssueEvent,
      ]);
  });

  it('refuses an approver role the rule does not name (403)', () => {
    given([critical, assigned('r-1', DUE), requestedEvent])
      .when(approve(group))
      .thenThrows(ForbiddenByRuleError, 'role work-group may not approve an extension under it');
    given([critical, assigned('r-1', DUE), requestedEvent])
      .when(refuse(bureau))
      .thenThrows(ForbiddenByRuleError, 'role district-bureau may not refuse an extension under it');
  });

  it('measures the rule again on approval: an extension granted meanwhile counts toward the cap', () => {
    // High severity: twice at most. One extension, a request, then a second one alone: the request is over the cap.
    const events = past(
      [reported(), assigned('r-1', DUE), extended('r-1', DUE, WEEK_LATER)],
      request('2023-03-29T09:00:00.000Z', bureau),
      extend('2023-03-23T09:00:00.000Z'),
    );
    given(events)
      .when(approve())
      .thenThrows(StateConflictError, 'allows 2 extensions per item and this item has had 2');
  });

  it('keeps one request pending per item; a refused one may be asked again, and the cap is untouched', () => {
    const asked = past([critical, assigned('r-1', DUE)], request('2023-03-22T09:00:00.000Z'));
    given(asked)
      .when(request('2023-03-21T09:00:00.000Z', bureau, 'x-2'))
      .thenThrows(StateConflictError, 'extension request x-1 on remediation item r-1 is still pending');
    const refused = past(asked, refuse());
    expect(refused.at(-1)).toEqual({
      type: 'ExtensionRefused',
      data: {
        issueId: ISSUE_ID,
        remediationId: 'r-1',
        requestId: 'x-1',
        refusedBy: 'division-head (处长)',
        refusedByActor: 'division-head',
        refusedByRole: 'division',
        reason: 'a second rig is on site',
        occurredAt: AT,
      },
    });
    given(refused)
      .when(approve())
      .thenThrows(StateConflictError, 'extension request x-1 was already refused');
    const again = past(refused, request('2023-03-21T09:00:00.000Z', bureau, 'x-2'));
    given(again)
      .when(approve(division(), 'x-2'))
      .then([
        expect.objectContaining({ type: 'ExtensionApproved' }) as IssueEvent,
        expect.objectContaining({
          type: 'DeadlineExtended',
          data: expect.objectContaining({ newDueAt: '2023-03-21T09:00:00.000Z' }) as unknown,
        }) as IssueEvent,
      ]);
  });

  it('refuses requests and approvals on a verified item; a pending request may still be refused', () => {
    given([critical, assigned('r-1', DUE), completed(), verified()])
      .when(request('2023-03-22T09:00:00.000Z'))
      .thenThrows(StateConflictError, 'remediation item r-1 is verified');
    const overtaken = [critical, assigned('r-1', DUE), requestedEvent, completed(), verified()];
    given(overtaken).when(approve()).thenThrows(StateConflictError, 'remediation item r-1 is verified');
    given(overtaken)
      .when(refuse())
      .then([expect.objectContaining({ type: 'ExtensionRefused' }) as IssueEvent]);
  });

  it('answers 404 for a request the item does not have', () => {
    given([critical, assigned('r-1', DUE)])
      .when(approve(division(), 'x-9'))
      .thenThrows(NotFoundError, 'extension request x-9 does not exist on remediation item r-1');
  });
});
