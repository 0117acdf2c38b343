import { Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock/clock';
import type { CommandContext } from '../../command-handling/command-context';
import { handleCommand } from '../../command-handling/handle-command';
import type { EventStore } from '../../event-store/event-store';
import { InvalidCommandError } from '../../shared-kernel/domain-errors';
import { HolidaysFileError } from '../calendar/holidays-file';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { RetimeReport } from '../retime/retime-pending-checks';
import { PolicyError, type EscalationPolicy } from '../policy/escalation-policy';
import { SYSTEM_CONFIG_STREAM, type InstalledBy, type RulesEvent } from './rules-events';
import { liveRules } from './live-rules';
import { loadRules, rulesFromContent, type RulesFiles, type RulesSnapshot } from './rules-snapshot';
import { decideInstall, rulesStream, type RulesState } from './rules-stream';

/** What one install did: for each of the policy and the calendar, the version now in force and what changed. */
export interface RulesChange {
  installedBy: InstalledBy;
  policy: VersionChange;
  calendar: VersionChange;
  /** The rules in force before and after (the same object when nothing changed). */
  before: RulesSnapshot;
  after: RulesSnapshot;
  /** What re-timing the pending checks did; null when nothing changed or no escalation runs here. */
  retimed: RetimeReport | null;
}

export interface VersionChange {
  version: string;
  previousVersion: string | null;
  /** Whether this install recorded a new version (false: it was in force already). */
  changed: boolean;
  /** What changed, as the log records it; empty when nothing did. */
  changes: string[];
}

/** Told after a new version is in force: the escalation graph re-times the pending checks. */
export type RulesListener = (change: RulesChange) => Promise<RetimeReport>;

/** A file refused on reload: 400 naming the file and the bad entry; the rules in force stay. */
export class RulesFileError extends InvalidCommandError {
  constructor(cause: PolicyError | HolidaysFileError) {
    super(cause instanceof PolicyError ? 'ESCALATION_POLICY' : 'HOLIDAYS_FILE', cause.message);
    this.message = `${cause.message}; the rules in force stay as they were`;
  }
}

/** The actor of installs nobody signed in for. */
export const RULES_ACTOR = 'system:escalation-rules';

/**
 * THE rules in force: the escalation policy and the working-day calendar this engine times
 * deadlines by, as versions recorded in the log (stream `system-config`). Everything that
 * times a deadline (the scheduler, the worker, the reconciler, the issue view, /health, the
 * extension rules) reads them here at each use, through `policy` and `calendar`, which always
 * answer with the version in force, so a reload needs no restart and nothing holds an old one.
 *
 * The files are read when the engine is built (a bad file stops the start with its entry
 * named); the start records the versions the log has not seen, and so does each reload (SIGHUP
 * or the admin route), which refuses a bad file and keeps the rules in force.
 */
export class RulesInForce implements OnModuleInit {
  private readonly logger = new Logger('EscalationRules');
  private rules: RulesSnapshot;
  private state: RulesState | null = null;
  private previousRules: RulesSnapshot | null = null;
  /** The revision of the `system-config` stream whose versions are in force; -1 before the start. */
  private installedRevision = -1;
  private readonly listeners: RulesListener[] = [];
  /** Installs run one at a time, so two reloads never interleave their records. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What the start recorded (null before it ran): the escalation graph re-times after a new version. */
  startChange: RulesChange | null = null;

  /** The policy in force at each call. */
  readonly policy: EscalationPolicy;
  /** The calendar in force at each call. */
  readonly calendar: WorkingCalendar;

  constructor(
    private readonly files: RulesFiles,
    private readonly store: EventStore,
    private readonly clock: Clock,
    /** The files as already read (the module reads them before anything is built); read here if absent. */
    initial?: RulesSnapshot,
  ) {
    this.rules = initial ?? loadRules(files);
    ({ policy: this.policy, calendar: this.calendar } = liveRules(() => this.rules));
  }

  /** The snapshot in force now (its policy and calendar are fixed objects). */
  current(): RulesSnapshot {
    return this.rules;
  }

  /**
   * The rules the latest install replaced, rebuilt from the contents the log holds; null when
   * the log holds one version of each. For the issue view's "moved by this change".
   */
  previous(): RulesSnapshot | null {
    return this.previousRules;
  }

  /** The revision of the `system-config` stream whose versions are in force (-1 before the start). */
  revision(): number {
    return this.installedRevision;
  }

  /** When and how the versions in force were installed, as the log says. */
  installed(): RulesState | null {
    return this.state;
  }

  onChange(listener: RulesListener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    this.startChange = await this.install(this.rules, 'engine-start', {
      actor: RULES_ACTOR,
      correlationId: 'engine-start',
      causationId: null,
    });
  }

  /**
   * Reads the files again and puts what they say in force. A bad file is refused (RulesFileError,
   * 400 naming the entry) and the rules in force stay; the same files record nothing.
   */
  reload(installedBy: InstalledBy, context: CommandContext): Promise<RulesChange> {
    const next = this.queue.then(async () => {
      let loaded: RulesSnapshot;
      try {
        loaded = loadRules(this.files);
      } catch (error) {
        if (error instanceof PolicyError || error instanceof HolidaysFileError)
          throw new RulesFileError(error);
        throw error;
      }
      const change = await this.install(loaded, installedBy, context);
      if (change.policy.changed || change.calendar.changed) {
        for (const listener of this.listeners) change.retimed = await listener(change);
      }
      return change;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Records what the log has not seen and puts `loaded` in force. */
  private async install(
    loaded: RulesSnapshot,
    installedBy: InstalledBy,
    context: CommandContext,
  ): Promise<RulesChange> {
    const installId = randomUUID();
    const outcome = await handleCommand(
      this.store,
      SYSTEM_CONFIG_STREAM,
      rulesStream,
      (state) =>
        decideInstall(state, {
          policy: {
            version: loaded.policyVersion,
            name: loaded.policy.name,
            content: loaded.policyContent,
            source: loaded.policy.source,
          },
          calendar: {
            version: loaded.calendarVersion,
            content: loaded.calendarContent,
            source: this.files.calendar.holidaysFile,
          },
          installedBy,
          installId,
          now: this.clock.now(),
        }),
      { ...context, metadata: { ...context.metadata, installedBy } },
      { subject: 'the engine configuration (system-config)' },
    );
    const before = this.rules;
    const events = outcome.events as RulesEvent[];
    const of = (type: RulesEvent['type'], version: string): VersionChange => {
      const event = events.find((e) => e.type === type);
      return {
        version,
        previousVersion: event ? event.data.previousVersion : version,
        changed: event !== undefined,
        changes: event ? event.data.changes : [],
      };
    };
    this.rules = loaded;
    this.state = outcome.state;
    this.installedRevision = outcome.revision;
    this.previousRules = this.rebuildPrevious(outcome.state);
    const change: RulesChange = {
      installedBy,
      policy: of('EscalationPolicyInstalled', loaded.policyVersion),
      calendar: of('WorkingCalendarInstalled', loaded.calendarVersion),
      before,
      after: loaded,
      retimed: null,
    };
    for (const [what, c] of [
      ['policy', change.policy],
      ['calendar', change.calendar],
    ] as const) {
      if (c.changed)
        this.logger.log(
          `${what} ${c.version} in force (${installedBy}; was ${c.previousVersion ?? 'none'}): ${c.changes.join('; ')}`,
        );
    }
    return change;
  }

  /** The versions before the latest install, from the log; a version that no longer loads is left out. */
  private rebuildPrevious(state: RulesState): RulesSnapshot | null {
    const policy = state.beforeLatest?.policy ?? state.policy;
    const calendar = state.beforeLatest?.calendar ?? state.calendar;
    // The first install replaced nothing.
    if (!state.beforeLatest?.policy && !state.beforeLatest?.calendar) return null;
    if (!policy || !calendar) return null;
    try {
      return rulesFromContent(
        { content: policy.content, source: policy.source ?? this.files.policyFile },
        { content: calendar.content, source: calendar.source },
      );
    } catch (error) {
      this.logger.warn(`the previous rules cannot be rebuilt from the log: ${(error as Error).message}`);
      return null;
    }
  }
}
