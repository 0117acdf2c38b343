import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EscalationStatus } from '../escalation/escalation-status';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { Public } from '../identity/access/access.decorator';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { CLOCK, type Clock } from '../clock/clock';
import { SUSPENSION_BOOK, type SuspensionBook } from '../suspensions/suspension-book';
import { suspensionsHealth } from '../suspensions/suspensions-health';

/**
 * Liveness and readiness. Ready means the event store answers; the projections' lag (events
 * written but not yet applied to the read models) is reported so operators can see it grow.
 * Automatic escalation reports its queues, the oldest overdue check and the reconciler; a
 * Redis outage makes the engine `degraded`, not unready, since commands and queries still work.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
    private readonly escalation: EscalationStatus,
    @Inject(SUSPENSION_BOOK) private readonly suspensions: SuspensionBook,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    let head: number | null = null;
    let storeError: string | null = null;
    try {
      head = await this.events.headPosition();
    } catch (error) {
      storeError = error instanceof Error ? error.message : String(error);
    }
    const position = this.projections.position();
    const ready = storeError === null;
    const escalation = await this.escalation.health();
    const escalating = escalation.status === 'up' || escalation.status === 'off';
    // status() only sets the code; awaiting the thenable reply would wait for the answer this handler returns.
    void reply.status(ready ? 200 : 503);
    return {
      status: !ready ? 'unavailable' : escalating ? 'ok' : 'degraded',
      live: true,
      ready,
      eventStore: {
        status: storeError ? 'down' : 'up',
        headPosition: head,
        ...(storeError && { error: storeError }),
      },
      projections: {
        status: this.projections.error() ? 'retrying' : 'running',
        role: this.projections.leader() ? 'leader' : 'follower',
        position,
        lag: head === null ? null : Math.max(0, head - position),
        lastError: this.projections.error(),
      },
      escalation,
      suspensions: await suspensionsHealth(this.suspensions, this.clock.now()),
    };
  }
}
