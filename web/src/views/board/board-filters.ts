import type { IssueFilters } from '../../api/issues';

/** The board's filters as they sit in the URL (shareable, and Back undoes a filter). */
export const FILTER_KEYS = [
  'district',
  'status',
  'category',
  'severity',
  'light',
  'level',
  'closed',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type BoardFilters = Partial<Record<FilterKey, string>>;

export function filtersFrom(search: URLSearchParams): BoardFilters {
  return Object.fromEntries(
    FILTER_KEYS.map((key) => [key, search.get(key) ?? undefined]).filter(([, v]) => v),
  ) as BoardFilters;
}

/** The URL's `level` is the API's `escalationLevel`. */
export function toIssueFilters(filters: BoardFilters, ownDistrict: string | null): IssueFilters {
  const { level, ...rest } = filters;
  return {
    ...rest,
    ...(ownDistrict && { district: ownDistrict }),
    ...(level && { escalationLevel: level }),
  };
}

/** What each counter filters the list to when clicked (and clicking it again clears). */
export const COUNTERS = [
  { id: 'open', filters: { closed: 'false' } },
  { id: 'dueSoon', filters: { closed: 'false', light: 'yellow' } },
  { id: 'overdue', filters: { closed: 'false', light: 'red' } },
  { id: 'level1', filters: { closed: 'false', level: '1' } },
  { id: 'level2', filters: { closed: 'false', level: '2' } },
  { id: 'level3', filters: { closed: 'false', level: '3' } },
] as const satisfies ReadonlyArray<{ id: string; filters: BoardFilters }>;

export type CounterId = (typeof COUNTERS)[number]['id'];

/** A counter is "on" when the list shows exactly what it counts (the shared filters aside). */
export function counterIsOn(counter: (typeof COUNTERS)[number], filters: BoardFilters): boolean {
  const own: BoardFilters = counter.filters;
  return (['closed', 'light', 'level', 'status'] as const).every(
    (key) => (own[key] ?? undefined) === (filters[key] ?? undefined),
  );
}
