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

/** The versions in force and the ones they replaced (to tell a moved deadline from an unmoved one). */
export interface RulesState {
  policy: (InstalledVersion<unknown> & { name: string }) | null;
  previousPolicy: (InstalledVersion<unknown> & { name: string }) | null;
  calendar: InstalledVersion<CalendarContent> | null;
  previousCalendar: InstalledVersion<CalendarContent> | null;
}

/** What an engine holds in force and asks the log to record. */
export interface InstallRules {
  policy: { version: string; name: string; content: unknown; source: string };
  calendar: { version: string; content: CalendarContent; source: string | null };
  installedBy: InstalledBy;
  now: Date;
}

export const initialRulesState = (): RulesState => ({
  policy: null,
  previousPolicy: null,
  calendar: null,
  previousCalendar: null,
});

export function evolveRules(state: RulesState, event: RulesEvent): RulesState {
  const d = event.data;
  const installed = {
    version: d.version,
    source: d.source,
    installedAt: d.occurredAt,
    installedBy: d.installedBy,
  };
  if (event.type === 'EscalationPolicyInstalled') {
    return {
      ...state,
      policy: { ...installed, name: event.data.name, content: event.data.content },
      previousPolicy: state.policy,
    };
  }
  return {
    ...state,
    calendar: { ...installed, content: event.data.content },
    previousCalendar: state.calendar,
  };
}

/**
 * Records each of the policy and the calendar whose version is not the one in force, with what
 * changed; a version already in force records nothing. So an engine restarted with the same
 * files, or a second engine starting with them, appends nothing, and two engines racing to
 * record one version record it once: the loser's append fails its expected revision, and
 * deciding again on the winner's stream finds the version in force.
 */
export function decideInstall(state: RulesState, command: InstallRules): RulesEvent[] {
  const events: RulesEvent[] = [];
  const occurredAt = command.now.toISOString();
  const { policy, calendar, installedBy } = command;
  if (state.policy?.version !== policy.version) {
    events.push({
      type: 'EscalationPolicyInstalled',
      data: {
        version: policy.version,
        previousVersion: state.policy?.version ?? null,
        changes: contentDiff(state.policy?.content, policy.content),
        installedBy,
        source: policy.source,
        name: policy.name,
        content: policy.content,
        occurredAt,
      },
    });
  }
  if (state.calendar?.version !== calendar.version) {
    events.push({
      type: 'WorkingCalendarInstalled',
      data: {
        version: calendar.version,
        previousVersion: state.calendar?.version ?? null,
        changes: contentDiff(state.calendar?.content, calendar.content),
        installedBy,
        source: calendar.source,
        content: calendar.content,
        occurredAt,
      },
    });
  }
  return events;
}

/** How the generic command path folds the `system-config` stream. */
export const rulesStream: StreamType<RulesEvent, RulesState> = {
  initialState: initialRulesState,
  evolve: evolveRules,
  schemaVersionOf: () => 1,
};
