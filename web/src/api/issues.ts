import { get, type Query } from './http';
import { minPosition } from './positions';
import type { HistoryItem, IssueCounts, IssueView, Page } from './types';

/** The board's filters, as GET /issues takes them (API.md, and the v1.2 additions). */
export interface IssueFilters {
  district?: string;
  status?: string;
  category?: string;
  severity?: string;
  light?: string;
  escalationLevel?: string;
  closed?: string;
  sort?: 'reported' | 'due';
}

export const listIssues = (
  filters: IssueFilters,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
) =>
  get<Page<IssueView>>(
    '/issues',
    { ...(filters as Query), cursor, limit, minPosition: minPosition() },
    signal,
  );

export const countIssues = (
  filters: Pick<IssueFilters, 'district' | 'category' | 'severity'>,
  signal?: AbortSignal,
) => get<IssueCounts>('/issues/counts', { ...filters, minPosition: minPosition() }, signal);

export const getIssue = (id: string, signal?: AbortSignal) =>
  get<IssueView>(`/issues/${encodeURIComponent(id)}`, { minPosition: minPosition() }, signal);

export const getHistory = (id: string, signal?: AbortSignal) =>
  get<HistoryItem[]>(`/issues/${encodeURIComponent(id)}/history`, {}, signal);

export const getStateAsOf = (id: string, asOf: string, signal?: AbortSignal) =>
  get<IssueView>(`/issues/${encodeURIComponent(id)}/state`, { asOf }, signal);
