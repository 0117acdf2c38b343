import type { District } from '../../issues/domain/vocabulary';

/**
 * What a suspension covers: one issue (with the district it is in, so a district's readers and
 * approvers see it), every issue of one district, or every issue of the city.
 */
export type SuspensionScope =
  | { kind: 'issue'; issueId: string; district: District }
  | { kind: 'district'; district: District }
  | { kind: 'city' };

export const SCOPE_KINDS = ['issue', 'district', 'city'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Whether a suspension of `scope` covers the issue. */
export function covers(scope: SuspensionScope, issue: { issueId: string; district: string }): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'district':
      return scope.district === issue.district;
    case 'issue':
      return scope.issueId === issue.issueId;
    default: {
      const unexpected: never = scope;
      throw new Error(`unknown suspension scope ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Two scopes are the same when they cover exactly the same issues. */
export function sameScope(a: SuspensionScope, b: SuspensionScope): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'issue' && b.kind === 'issue') return a.issueId === b.issueId;
  if (a.kind === 'district' && b.kind === 'district') return a.district === b.district;
  return true;
}

/** The scope in words, for messages: `the city`, `district huli`, `issue 0b1f…`. */
export function scopeText(scope: SuspensionScope): string {
  if (scope.kind === 'city') return 'the city';
  if (scope.kind === 'district') return `district ${scope.district}`;
  return `issue ${scope.issueId}`;
}

/** The district a scope belongs to, or null for the whole city (read-side filters). */
export const scopeDistrict = (scope: SuspensionScope): District | null =>
  scope.kind === 'city' ? null : scope.district;
