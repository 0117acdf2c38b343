import { AggregateCache } from '../../command-handling/aggregate-cache';
import { loadAggregate } from '../../command-handling/aggregate-stream';
import type { EventStore } from '../../event-store/event-store';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationPolicy } from '../policy/escalation-policy';
import { liveRules } from './live-rules';
import { SYSTEM_CONFIG_STREAM } from './rules-events';
import { loadRules, rulesFromContent, type RulesFiles, type RulesSnapshot } from './rules-snapshot';
import { rulesStream } from './rules-stream';

/**
 * The rules in force as the log records them (stream `system-config`), for an escalation graph
 * that does not install rules itself: the scheduler in its worker thread. The engine's
 * `RulesInForce` records every version it puts in force (at the start, on SIGHUP, on the admin
 * reload) with its whole content before it uses it, and this rebuilds the same policy and
 * calendar from that content, so both threads time deadlines by one version. `refresh` reads
 * only what the stream gained since the last one; `policy` and `calendar` answer with the
 * version of the latest refresh. Until the log holds a version, the files' rules stand.
 */
export class RulesFromLog {
  private rules: RulesSnapshot;
  private revision = -1;
  readonly policy: EscalationPolicy;
  readonly calendar: WorkingCalendar;

  constructor(
    private readonly store: EventStore,
    private readonly files: RulesFiles,
    /** Where the stream's state is kept between refreshes (the graph's own). */
    private readonly cache: AggregateCache = new AggregateCache(),
  ) {
    this.rules = loadRules(files);
    ({ policy: this.policy, calendar: this.calendar } = liveRules(() => this.rules));
  }

  /** The snapshot in force as of the last refresh. */
  current(): RulesSnapshot {
    return this.rules;
  }

  /** Takes in the versions the log recorded since the last refresh. */
  async refresh(): Promise<void> {
    const { state, revision } = await loadAggregate(
      this.store,
      SYSTEM_CONFIG_STREAM,
      rulesStream,
      this.cache,
    );
    // Refreshes overlap (the scheduler's batch, the check worker's jobs): an older read never wins.
    if (revision <= this.revision) return;
    const { policy, calendar } = state;
    if (policy !== null && calendar !== null) {
      this.rules = rulesFromContent(
        { content: policy.content, source: policy.source ?? this.files.policyFile },
        { content: calendar.content, source: calendar.source },
      );
    }
    this.revision = revision;
  }
}
