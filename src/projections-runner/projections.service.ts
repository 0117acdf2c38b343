import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  Optional,
  ServiceUnavailableException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '../event-store/event-store';
import { APPLIED_BATCHES, type AppliedBatches } from '../ports/applied-batches';
import type { Projection } from '../ports/projection';
import type { ReadModelProgress } from '../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../ports/read-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ProjectionLease } from './projection-lease';
import { PROJECTION_LEASE } from './projection-lease.token';
import { PROJECTION_UPCASTER, PROJECTIONS } from './projection-tokens';
import { Projector } from './projector';
import type { ProjectorRunner } from './projector-runner';
import { ProjectorThread } from './thread/projector-thread';

/**
 * Runs every projection of this process, fed by the event store's durable subscription from
 * the checkpoints kept in the read store, lets queries wait for read-your-writes, and tells
 * the live views each applied batch (`APPLIED_BATCHES`, when the app provides one). Which projections, and how events are
 * upcast, the app hands in (`PROJECTIONS`, `PROJECTION_UPCASTER`): the runner knows no feature.
 *
 * With `projectionsThread: 'worker'` (the default) the Projector runs in a worker thread
 * (`thread/`) with its own store connections, so a batch never holds the event loop that
 * serves commands and queries; the worker runs the app's projections (`allProjections`,
 * `upcastIssueEvent`), and position, read-your-writes and the applied batches come from its
 * messages, on this thread. With `main` it runs here, on the projections handed in.
 */
@Injectable()
export class ProjectionsService implements ReadModelProgress, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly projector: ProjectorRunner;
  private lastError: string | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTION_LEASE) private readonly lease: ProjectionLease,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(PROJECTION_UPCASTER) upcast: (event: StoredEvent) => StoredEvent,
    @Optional() @Inject(APPLIED_BATCHES) appliedBatches?: AppliedBatches,
  ) {
    const onError = (error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.error(`projection batch failed, retrying: ${this.lastError}`);
    };
    this.projector =
      config.projectionsThread === 'worker'
        ? new ProjectorThread(config, events, { onError, appliedBatches })
        : new Projector(events, readStore, projections, { upcast, lease, onError, appliedBatches });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.lease.release();
  }

  position(): number {
    return this.projector.position();
  }

  /** True when this process holds the lease and applies events; false on a follower. */
  leader(): boolean {
    return this.projector.leading();
  }

  error(): string | null {
    return this.lastError;
  }

  /** Waits until the projections have applied `minPosition`, or answers 503 saying so. */
  async waitFor(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= this.projector.position()) return;
    const head = await this.events.headPosition();
    if (minPosition > head) {
      throw new BadRequestException(
        `minPosition ${minPosition} is beyond the end of the log (${head}); use a position a command answered`,
      );
    }
    const reached = await this.projector.waitForPosition(minPosition, this.config.readYourWritesTimeoutMs);
    if (!reached) {
      throw new ServiceUnavailableException(
        `projections are at position ${this.projector.position()}, not yet ${minPosition}; retry shortly`,
      );
    }
  }
}
