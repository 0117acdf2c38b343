import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AggregateCache } from '../../command-handling/aggregate-cache';
import { handleCommand } from '../../command-handling/handle-command';
import type { WorkingCalendar } from '../../escalation/calendar/working-calendar';
import {
  ESCALATION_POLICY,
  WORKING_CALENDAR,
  type EscalationPolicy,
} from '../../escalation/policy/escalation-policy';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import { recipientLookup } from '../../groups/escalation-recipients';
import { WORK_GROUPS, type WorkGroup } from '../../groups/work-groups';
import { decideIssue, type DecisionContext } from '../domain/issue-decide';
import { issueStreamId } from '../domain/issue-events';
import type { IssueState } from '../domain/issue-state';
import { issueStream } from '../issue-stream';
import { AUTOMATIC_DECISIONS, type AutomaticDecisions } from './automatic-decisions';
import { ExecuteIssueCommand, type CommandResult } from './execute-issue-command';
import { extensionRulesOf } from './extension-rules';

/**
 * Every issue command on the one generic command path (`handleCommand`): the issue's stream
 * type, the pure decider bound to the issue's id, the work groups' escalation recipients and
 * the policy's extension rules (on the working calendar), and the engine's aggregate cache,
 * so a command on a long issue reads only what is new.
 */
@CommandHandler(ExecuteIssueCommand)
export class IssueCommandHandler implements ICommandHandler<ExecuteIssueCommand, CommandResult> {
  private readonly decisions: DecisionContext;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
    private readonly cache: AggregateCache,
    @Inject(ESCALATION_POLICY) policy: EscalationPolicy,
    @Inject(WORKING_CALENDAR) calendar: WorkingCalendar,
    @Optional() @Inject(AUTOMATIC_DECISIONS) private readonly automatic?: AutomaticDecisions,
  ) {
    this.decisions = {
      recipientFor: recipientLookup(groups),
      extensions: extensionRulesOf(policy, calendar),
    };
  }

  async execute({ issueId, command, context }: ExecuteIssueCommand): Promise<CommandResult> {
    const automatic = command.type === 'EscalateAutomatically' || command.type === 'WarnOfEscalation';
    const decisions =
      automatic && this.automatic
        ? { ...this.decisions, ...(await this.automatic.forAutomaticCheck()) }
        : this.decisions;
    const decide = (state: IssueState) => decideIssue(command, state, issueId, decisions);
    const { revision, position, events, replayed } = await handleCommand(
      this.store,
      issueStreamId(issueId),
      issueStream,
      decide,
      context,
      // A report names a new issue: its stream is almost always still empty.
      { subject: `issue ${issueId}`, cache: this.cache, startsStream: command.type === 'ReportIssue' },
    );
    return { issueId, revision, position, events, replayed };
  }
}
