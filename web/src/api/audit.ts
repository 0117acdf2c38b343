import { get } from './http';
import { minPosition } from './positions';
import type { HistoryItem, Page } from './types';

export interface AuditQuery {
  actor?: string;
  type?: string;
  district?: string;
  from?: string;
  to?: string;
}

export const searchAudit = (query: AuditQuery, cursor: string | null, signal?: AbortSignal) =>
  get<Page<HistoryItem>>('/audit', { ...query, cursor, limit: 50, minPosition: minPosition() }, signal);
