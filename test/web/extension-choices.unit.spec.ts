import type { ExtensionRuleView, IssueView, Principal, RemediationView } from '../../web/src/api/types';
import { extensionChoices } from '../../web/src/views/issue/commands/extension-choices';

/** Which extension form the issue page offers whom, by the rule the engine's issue view carries. */
const rule = (over: Partial<ExtensionRuleView> = {}): ExtensionRuleView => ({
  entry: 'extensions.petition-complaint.*',
  maxExtensions: 1,
  maxLength: '30d',
  approvedBy: 'leadership',
  approvers: ['leadership'],
  requesterMayApprove: false,
  basis: null,
  ...over,
});
const issue = (extensionRule: ExtensionRuleView | null) => ({ extensionRule }) as IssueView;
const item = (over: Partial<RemediationView> = {}) =>
  ({
    extensions: [],
    extensionRequests: [],
    extensionCount: 0,
    maxExtensions: 1,
    ...over,
  }) as RemediationView;
const user = (role: Principal['role'], username = `${role}-1`): Principal => ({
  username,
  displayName: username,
  role,
});
const pending = (requestedByActor: string) =>
  ({ requestId: 'x-1', status: 'pending', requestedByActor }) as NonNullable<
    RemediationView['pendingExtensionRequests']
  >[number];

describe('the extension forms the page offers', () => {
  it('asks where the requester may not approve alone, and lets another approver decide', () => {
    expect(extensionChoices(issue(rule()), item(), user('work-group'))).toEqual({
      alone: false,
      request: true,
      approve: false,
      refuse: false,
    });
    expect(extensionChoices(issue(rule()), item(), user('leadership')).alone).toBe(false);
    const waiting = item({ pendingExtensionRequests: [pending('leadership-1')] });
    expect(extensionChoices(issue(rule()), waiting, user('leadership'))).toMatchObject({
      approve: false,
      refuse: true,
    });
    expect(extensionChoices(issue(rule()), waiting, user('leadership', 'leadership-2'))).toMatchObject({
      request: false,
      approve: true,
    });
    expect(extensionChoices(issue(rule()), waiting, user('division'))).toMatchObject({
      approve: false,
      refuse: false,
    });
  });

  it('extends alone where the rule lets the role, and offers nothing once the cap is reached', () => {
    const alone = rule({
      approvers: ['work-group', 'division', 'leadership'],
      requesterMayApprove: true,
      maxExtensions: 2,
    });
    expect(extensionChoices(issue(alone), item({ maxExtensions: 2 }), user('work-group'))).toMatchObject({
      alone: true,
      request: false,
    });
    expect(extensionChoices(issue(alone), item({ maxExtensions: 2 }), user('district-bureau'))).toMatchObject(
      {
        alone: false,
        request: true,
      },
    );
    expect(
      extensionChoices(issue(alone), item({ extensionCount: 2, maxExtensions: 2 }), user('work-group')),
    ).toEqual({ alone: false, request: false, approve: false, refuse: false });
  });

  it('extends alone when the policy states no rule', () => {
    expect(extensionChoices(issue(null), item({ maxExtensions: null }), user('work-group')).alone).toBe(true);
  });
});
