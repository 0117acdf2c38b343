import type { StoredEvent } from '../../src/event-store/event-store';
import {
  SUSPENSION_EVENT_TYPES,
  evolveSuspension,
  scopeDistrict,
  suspensionStreamId,
  type Suspension,
  type SuspensionEvent,
} from '../../src/suspensions/domain';

/** Where a city-wide suspension files in `districtKey`, so district readers find it beside their own. */
export const CITY_KEY = 'city';

/**
 * One suspension (collection `suspensions`): its state as its stream tells it, and the fields
 * the list filters on. The escalation engine seeds its suspension book from these documents.
 */
export type SuspensionDoc = {
  id: string;
  suspension: Suspension;
  /** The scope's district, or `city`. */
  districtKey: string;
  status: Suspension['status'];
  from: string;
  endsAt: string;
  revision: number;
  position: number;
};

export function asSuspensionEvent(event: StoredEvent): SuspensionEvent | null {
  if (!(SUSPENSION_EVENT_TYPES as readonly string[]).includes(event.type)) return null;
  const data = event.data as { suspensionId?: unknown };
  if (typeof data.suspensionId !== 'string' || event.streamId !== suspensionStreamId(data.suspensionId))
    return null;
  return { type: event.type, data: event.data } as SuspensionEvent;
}

/** The document after one more event of its stream; a redelivered event leaves it as it is. */
export function evolveSuspensionDoc(doc: SuspensionDoc | null, stored: StoredEvent): SuspensionDoc | null {
  const event = asSuspensionEvent(stored);
  if (!event || (doc && stored.revision <= doc.revision)) return doc;
  const state = evolveSuspension(doc?.suspension ?? { status: 'none' }, event);
  if (state.status === 'none') return doc;
  return {
    id: state.suspensionId,
    suspension: state,
    districtKey: scopeDistrict(state.scope) ?? CITY_KEY,
    status: state.status,
    from: state.from,
    endsAt: state.endsAt,
    revision: stored.revision,
    position: stored.position,
  };
}
