import type { StreamType } from '../../command-handling/decider';
import { contentDiff } from './content-diff';
import type { InstalledBy, RulesEvent } from './rules-events';
import type { CalendarContent } from './rules-snapshot';

/** One installed version as the stream holds it. */
export interface InstalledVersion<Content> {
  version: string;
  content: Content;
  source: string | null;
  installedAt: string;
  installedBy: InstalledBy;
}

export type InstalledPolicy = InstalledVersion<unknown> & { name: string };
export type InstalledCalendar = InstalledVersion<CalendarContent>;

/** The versions in force, and the pair in force before the latest install (to tell a moved deadline). */
export interface RulesState {
  policy: InstalledPolicy | null;
  calendar: InstalledCalendar | null;
  /** The policy and calendar in force just before the latest install; null before any. */
  beforeLatest: { policy: InstalledPolicy | null; calendar: InstalledCalendar | null } | null;
  latestInstallId: string | null;
}

/** What an engine holds in force and asks the log to record. */
export interface InstallRules {
  policy: { version: string; name: string; content: unknown; source: string };
  calendar: { version: string; content: CalendarContent; source: string | null };
  installedBy: InstalledBy;
  /** Shared by the events of this install (see `RulesState.beforeLatest`). */
  installId: string;
  now: Date;
}

export const initialRulesState = (): RulesState => ({
  policy: null,
  calendar: null,
  beforeLatest: null,
  latestInstallId: null,
});

export function evolveRules(state: RulesState, event: RulesEvent): RulesState {
  const d = event.data;
  const installed = {
    version: d.version,
    source: d.source,
    installedAt: d.occurredAt,
    installedBy: d.installedBy,
  };
  // The second event of one install keeps the pair its first event saw.
  const beforeLatest =
    state.latestInstallId === d.installId && state.beforeLatest
      ? state.beforeLatest
      : { policy: state.policy, calendar: state.calendar };
  const next = { ...state, beforeLatest, latestInstallId: d.installId };
  if (event.type === 'EscalationPolicyInstalled')
    return { ...next, policy: { ...installed, name: event.data.name, content: event.data.content } };
  return { ...next, calendar: { ...installed, content: event.data.content } };
}

/**
 * Records each of the policy and the calendar whose version is not the one in force, with what
 * changed; a version already in force records nothing. So an engine restarted with the same
 * files, or a second engine starting with them, appends nothing, and two engines racing to
 * record one version record it once: the loser's append fails its expected revision, and
 * deciding again on the winner's stream finds the version in force.
 */
export function decideInstall(state: RulesState, command: InstallRules): RulesEvent[] {
  const occurredAt = command.now.toISOString();
  const { policy, calendar, installedBy, installId } = command;
  // What both installations record of a version: which one, what it replaces and what changed.
  const installation = <C>(
    inForce: { version: string; content: C } | null,
    next: { version: string; source: string | null; content: C },
  ) => ({
    version: next.version,
    previousVersion: inForce?.version ?? null,
    changes: contentDiff(inForce?.content, next.content),
    installedBy,
    installId,
    source: next.source,
    content: next.content,
    occurredAt,
  });
  const events: RulesEvent[] = [];
  if (state.policy?.version !== policy.version)
    events.push({
      type: 'EscalationPolicyInstalled',
      data: { ...installation(state.policy, policy), name: policy.name },
    });
  if (state.calendar?.version !== calendar.version)
    events.push({ type: 'WorkingCalendarInstalled', data: installation(state.calendar, calendar) });
  return events;
}

/** How the generic command path folds the `system-config` stream. */
export const rulesStream: StreamType<RulesEvent, RulesState> = {
  initialState: initialRulesState,
  evolve: evolveRules,
  schemaVersionOf: () => 1,
};
