import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store';
import type { District } from '../../issues/domain/vocabulary';
import { districtOfIssue } from '../../issues/issue-districts';

const REMEMBERED = 50_000;
/** Issue ids are UUIDs; anything far longer, or with characters no id has, is no issue's. */
const PLAUSIBLE_ID = /^[\x21-\x7e]{1,200}$/;
export const plausibleIssueId = (id: string): boolean => PLAUSIBLE_ID.test(id);

/**
 * The district of an issue, for the access check of every route on one issue. It is named by
 * the issue's first event and never changes, so each issue is read once and then remembered.
 */
@Injectable()
export class IssueDistricts {
  private readonly known = new Map<string, District>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The issue's district; null for an issue that does not exist (or an id that cannot be one). */
  async of(issueId: string): Promise<District | null> {
    const remembered = this.known.get(issueId);
    if (remembered) return remembered;
    if (!PLAUSIBLE_ID.test(issueId)) return null;
    const district = await districtOfIssue(this.store, issueId);
    if (district === null) return null;
    if (this.known.size >= REMEMBERED) this.known.clear();
    this.known.set(issueId, district);
    return district;
  }
}
