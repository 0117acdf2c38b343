import { InvalidCommandError } from '../../shared-kernel/domain-errors';
import { assignRemediation } from './decide/assign-remediation';
import { closeIssue } from './decide/close-issue';
import { completeRemediation } from './decide/complete-remediation';
import { conveneMeeting } from './decide/convene-meeting';
import type { DecisionContext } from './decide/decision-context';
import { escalateAutomatically } from './decide/escalate-automatically';
import { escalateIssue } from './decide/escalate-issue';
import { approveExtension, refuseExtension } from './decide/decide-extension';
import { extendDeadline } from './decide/extend-deadline';
import { existingIssue, onRecord, openIssue } from './decide/guards';
import { reopenIssue } from './decide/reopen-issue';
import { reportIssue } from './decide/report-issue';
import { requestExtension } from './decide/request-extension';
import { verifyRemediation } from './decide/verify-remediation';
import { warnOfEscalation } from './decide/warn-of-escalation';
import type { IssueCommand } from './issue-commands';
import type { IssueEvent } from './issue-events';
import type { IssueState } from './issue-state';
import { assertBusinessTime } from './time-rules';

export type { DecisionContext } from './decide/decision-context';

/**
 * The Issue decider: given a command and the issue's current state, the events it causes, or
 * a DomainError saying why not. Pure: time comes from `command.metadata`, ids from the caller.
 * `issueId` only names the issue in "does not exist" messages (commands on an existing issue
 * carry no id; the handler knows it from the route). Each command's rules are in `decide/`;
 * here is only which issue it needs: none yet, an existing one, or one open for work.
 */
export function decideIssue(
  command: IssueCommand,
  state: IssueState,
  issueId?: string,
  context: DecisionContext = {},
): IssueEvent[] {
  const { metadata } = command;
  assertBusinessTime('occurredAt', metadata.occurredAt, metadata.now);
  const existing = () => existingIssue(state, issueId);
  const open = () => openIssue(existing(), metadata);

  switch (command.type) {
    case 'ReportIssue':
      return reportIssue(command, state);
    // Automation acts on checks scheduled earlier; a closed issue simply needs nothing more.
    case 'EscalateAutomatically':
      return escalateAutomatically(command, existing(), context);
    case 'WarnOfEscalation':
      return warnOfEscalation(command, existing(), context);
    case 'ReopenIssue':
      return reopenIssue(command, onRecord(existing(), metadata));
    case 'ConveneMeeting':
      return conveneMeeting(command, open());
    case 'AssignRemediation':
      return assignRemediation(command, open());
    case 'CompleteRemediation':
      return completeRemediation(command, open());
    case 'VerifyRemediation':
      return verifyRemediation(command, open());
    case 'ExtendDeadline':
      return extendDeadline(command, open(), context);
    case 'RequestExtension':
      return requestExtension(command, open(), context);
    case 'ApproveExtension':
      return approveExtension(command, open(), context);
    case 'RefuseExtension':
      return refuseExtension(command, open(), context);
    case 'EscalateIssue':
      return escalateIssue(command, open(), context);
    case 'CloseIssue':
      return closeIssue(command, open());
    default: {
      const unexpected: never = command;
      throw new InvalidCommandError('type', `unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}
