import type { TFunction } from 'i18next';
import { post } from '../../../api/http';
import type { CommandAnswer, IssueView, Principal, RemediationView } from '../../../api/types';
import { MEETING_KINDS } from '../../../api/vocabulary';
import { may, type Action } from '../../../auth/roles';
import type { FieldSpec, FormValues } from '../../../components/form-fields';
import { toShanghaiInput } from '../../../format/time';
import { extensionChoices, pendingRequestOf } from './extension-choices';

/**
 * Every command on one issue (shared/API.md, "Commands"), declared once: its route, its
 * fields, who may send it (the role table) and when the issue's state allows it. The forms,
 * the buttons and the tests all read this table.
 */
export interface IssueCommand {
  id: string;
  action: Action;
  path: (issue: IssueView) => string;
  fields: (t: TFunction, user: Principal) => FieldSpec[];
  initial: (user: Principal) => FormValues;
  available: (issue: IssueView) => boolean;
}

export interface ItemCommand extends Omit<IssueCommand, 'path' | 'available'> {
  path: (issue: IssueView, item: RemediationView) => string;
  /** Whether the item's state (and, for extensions, the policy's rule for this user) allows it. */
  available: (issue: IssueView, item: RemediationView, user: Principal) => boolean;
}

const issuePath = (issue: IssueView, tail: string) => `/issues/${encodeURIComponent(issue.id)}/${tail}`;
const itemPath = (issue: IssueView, item: RemediationView, tail: string) =>
  issuePath(issue, `remediations/${encodeURIComponent(item.remediationId)}/${tail}`);
const open = (issue: IssueView) => issue.status !== 'closed';
const outstanding = (item: RemediationView) => item.status === 'assigned' || item.status === 'rejected';
/** Person fields are optional (the engine defaults them to the signed-in user); shown filled in. */
const person = (name: string): FieldSpec => ({ name, kind: 'text', hint: 'hints.actingFor' });

export const ISSUE_COMMANDS: IssueCommand[] = [
  {
    id: 'meeting',
    action: 'issue.convene',
    path: (issue) => issuePath(issue, 'meetings'),
    fields: (t) => [
      {
        name: 'kind',
        kind: 'select',
        required: true,
        options: MEETING_KINDS,
        optionLabel: (v) => t(`meetingKind.${v}`),
      },
      { name: 'heldAt', kind: 'datetime', required: true },
      person('convenedBy'),
      { name: 'attendees', kind: 'list', required: true, hint: 'hints.onePerLine' },
      { name: 'summary', kind: 'textarea' },
      { name: 'decisions', kind: 'list', hint: 'hints.onePerLine' },
    ],
    initial: (user) => ({ heldAt: toShanghaiInput(new Date()), convenedBy: user.displayName }),
    available: open,
  },
  {
    id: 'assign',
    action: 'issue.assign',
    path: (issue) => issuePath(issue, 'remediations'),
    fields: () => [
      { name: 'responsibleUnit', kind: 'text', required: true },
      { name: 'action', kind: 'textarea', required: true },
      { name: 'dueAt', kind: 'datetime', required: true },
      person('assignedBy'),
    ],
    initial: (user) => ({ assignedBy: user.displayName }),
    available: open,
  },
  {
    id: 'escalate',
    action: 'issue.escalate',
    path: (issue) => issuePath(issue, 'escalations'),
    fields: () => [{ name: 'reason', kind: 'textarea', required: true }, person('by')],
    initial: (user) => ({ by: user.displayName }),
    available: (issue) => open(issue) && issue.escalationLevel < 3,
  },
  {
    id: 'close',
    action: 'issue.close',
    path: (issue) => issuePath(issue, 'closure'),
    fields: (_t, user) => [
      { name: 'resolution', kind: 'textarea', required: true },
      person('closedBy'),
      ...(may(user, 'issue.force-close')
        ? [{ name: 'force', kind: 'checkbox', hint: 'hints.force' } satisfies FieldSpec]
        : []),
    ],
    initial: (user) => ({ closedBy: user.displayName }),
    available: open,
  },
  {
    id: 'reopen',
    action: 'issue.reopen',
    path: (issue) => issuePath(issue, 'reopening'),
    fields: () => [{ name: 'reason', kind: 'textarea', required: true }, person('by')],
    initial: (user) => ({ by: user.displayName }),
    available: (issue) => !open(issue),
  },
];

export const ITEM_COMMANDS: ItemCommand[] = [
  {
    id: 'complete',
    action: 'issue.complete',
    path: (issue, item) => itemPath(issue, item, 'completion'),
    fields: () => [person('reportedBy'), { name: 'evidence', kind: 'textarea' }],
    initial: (user) => ({ reportedBy: user.displayName }),
    available: (issue, item) => open(issue) && outstanding(item),
  },
  {
    id: 'verify',
    action: 'issue.verify',
    path: (issue, item) => itemPath(issue, item, 'verification'),
    fields: () => [
      {
        name: 'accepted',
        kind: 'yesno',
        required: true,
        yes: 'commands.verify.accept',
        no: 'commands.verify.reject',
      },
      { name: 'comment', kind: 'textarea' },
      person('verifiedBy'),
    ],
    initial: (user) => ({ verifiedBy: user.displayName }),
    available: (issue, item) => open(issue) && item.status === 'completed',
  },
  {
    // Alone, where the policy's rule lets this user's role extend without a second approver.
    id: 'extend',
    action: 'issue.extend',
    path: (issue, item) => itemPath(issue, item, 'extension'),
    fields: () => [
      { name: 'newDueAt', kind: 'datetime', required: true },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    initial: () => ({}),
    available: (issue, item, user) =>
      open(issue) && outstanding(item) && extensionChoices(issue, item, user).alone,
  },
  {
    // Otherwise asked for, and an approver of the rule decides.
    id: 'requestExtension',
    action: 'issue.request-extension',
    path: (issue, item) => itemPath(issue, item, 'extension-requests'),
    fields: () => [
      { name: 'newDueAt', kind: 'datetime', required: true },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    initial: () => ({}),
    available: (issue, item, user) =>
      open(issue) && outstanding(item) && extensionChoices(issue, item, user).request,
  },
  {
    id: 'approveExtension',
    action: 'issue.decide-extension',
    path: (issue, item) =>
      itemPath(
        issue,
        item,
        `extension-requests/${encodeURIComponent(pendingRequestOf(item)?.requestId ?? '')}/approval`,
      ),
    fields: () => [{ name: 'comment', kind: 'textarea' }],
    initial: () => ({}),
    available: (issue, item, user) => open(issue) && extensionChoices(issue, item, user).approve,
  },
  {
    id: 'refuseExtension',
    action: 'issue.decide-extension',
    path: (issue, item) =>
      itemPath(
        issue,
        item,
        `extension-requests/${encodeURIComponent(pendingRequestOf(item)?.requestId ?? '')}/refusal`,
      ),
    fields: () => [{ name: 'reason', kind: 'textarea', required: true }],
    initial: () => ({}),
    available: (issue, item, user) => open(issue) && extensionChoices(issue, item, user).refuse,
  },
];

export const sendCommand = (path: string) => (body: Record<string, unknown>, key: string) =>
  post<CommandAnswer>(path, body, key);
