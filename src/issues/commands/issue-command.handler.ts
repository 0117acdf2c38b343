import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type EventStore,
  type StoredEvent,
} from '../../event-store/event-store';
import { StateConflictError } from '../../shared-kernel/domain-errors';
import { issueStreamId, schemaVersionOf } from '../domain/issue-events';
import { decideIssue, type DecisionContext } from '../domain/issue-decide';
import { recipientLookup } from '../../groups/escalation-recipients';
import { WORK_GROUPS, type WorkGroup } from '../../groups/work-groups';
import { readIssueStream } from '../issue-stream';
import { ExecuteIssueCommand, type CommandResult } from './execute-issue-command';
import { deterministicId, priorEventsForKey } from './idempotency';

/** Another writer appended between our read and our append: read again and decide again. */
const MAX_ATTEMPTS = 10;
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/** Load the stream, decide with the pure domain, append at the revision we decided on. */
@CommandHandler(ExecuteIssueCommand)
export class IssueCommandHandler implements ICommandHandler<ExecuteIssueCommand, CommandResult> {
  private readonly context: DecisionContext;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
  ) {
    this.context = { recipientFor: recipientLookup(groups) };
  }

  async execute({ issueId, command, context }: ExecuteIssueCommand): Promise<CommandResult> {
    const streamId = issueStreamId(issueId);
    for (let attempt = 1; ; attempt++) {
      const { events: stored, state } = await readIssueStream(this.store, issueId);
      const prior = priorEventsForKey(stored, context.idempotencyKey, context.requestHash);
      if (prior.length > 0) return answer(issueId, prior, true);

      const revision = stored.length - 1;
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw staleIfMatch(issueId, context.expectedRevision, revision);
      }
      const decided = decideIssue(command, state, issueId, this.context);
      if (decided.length === 0) return answer(issueId, stored.slice(-1), false, []);

      const events = decided.map((event, index) => ({
        id: context.idempotencyKey
          ? deterministicId(streamId, context.idempotencyKey, String(index))
          : randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          correlationId: context.correlationId,
          causationId: context.causationId,
          actor: context.actor,
          occurredAt: event.data.occurredAt,
          schemaVersion: schemaVersionOf(event.type),
          ...(context.idempotencyKey && {
            idempotencyKey: context.idempotencyKey,
            requestHash: context.requestHash,
          }),
        },
      }));
      try {
        const result = await this.store.appendToStream(streamId, events, {
          expectedRevision: revision < 0 ? 'no-stream' : revision,
        });
        return { issueId, ...result, events: decided, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined)
          throw staleIfMatch(issueId, context.expectedRevision, error.actual);
        if (attempt >= MAX_ATTEMPTS)
          throw new StateConflictError(`issue ${issueId} is changing too fast; retry the command`);
        await backoff(attempt);
      }
    }
  }
}

function answer(issueId: string, events: StoredEvent[], replayed: boolean, shown = events): CommandResult {
  const last = events[events.length - 1];
  return {
    issueId,
    revision: last?.revision ?? -1,
    position: last?.position ?? 0,
    events: shown.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
    replayed,
  };
}

function staleIfMatch(issueId: string, expected: number, actual: number): StateConflictError {
  return new StateConflictError(
    `If-Match: issue ${issueId} is at revision ${actual}, not ${expected}; read it again and retry`,
  );
}
