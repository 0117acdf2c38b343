import type { StoredEvent } from '../../event-store/event-store';
import { schemaVersionOf } from './issue-events';

/** Turns the data of one schema version into the data of the next version. */
export type Upcaster = (data: unknown) => unknown;

/**
 * `registry[type][fromVersion]` upcasts `type` from `fromVersion` to `fromVersion + 1`.
 * Events are never edited in the store; readers see old facts in today's shape instead.
 */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * When a shape changes, bump its type's entry in SCHEMA_VERSIONS and add
 * `Type: { oldVersion: (data) => newShape }` here.
 */
export const ISSUE_UPCASTERS: UpcasterRegistry = {
  // v1 escalations predate recipients: nobody was recorded, so nobody is claimed.
  IssueEscalated: {
    1: (data) => ({ escalatedTo: null, ...(data as object) }),
    // Before v3 no version of the rules was recorded: unknown, not the one in force today.
    2: (data) => ({ policyVersion: null, calendarVersion: null, ...(data as object) }),
  },
  EscalationWarningIssued: {
    1: (data) => ({ policyVersion: null, calendarVersion: null, ...(data as object) }),
  },
};

/** Upcasts one stored event with the given registry, one version step at a time. */
export function upcastWith(
  registry: UpcasterRegistry,
  event: StoredEvent,
  currentVersion: number = schemaVersionOf(event.type),
): StoredEvent {
  // Events written before schemaVersion existed count as version 1, the first shape.
  let version = event.metadata.schemaVersion ?? 1;
  if (version > currentVersion) {
    throw new Error(
      `event ${event.id} (${event.type}) has schema version ${version}, newer than the ` +
        `${currentVersion} this build knows; deploy the newer build before reading it`,
    );
  }
  if (version === currentVersion) return event;
  let data = event.data;
  while (version < currentVersion) {
    const step = registry[event.type]?.[version];
    if (!step) {
      throw new Error(`no upcaster for ${event.type} from schema version ${version} to ${version + 1}`);
    }
    data = step(data);
    version += 1;
  }
  return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}

/** Upcasts a stored issue event to the current schema version. */
export const upcastIssueEvent = (event: StoredEvent): StoredEvent => upcastWith(ISSUE_UPCASTERS, event);
