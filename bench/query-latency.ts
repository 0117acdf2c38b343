import { DISTRICTS } from '../src/issues/domain/vocabulary';
import type { BenchConfig } from './bench-config';
import type { HttpClient } from './http-client';
import { LOAD_QUARTER } from './scenario';
import { summarize, type LatencySummary } from './stats';

export interface QueryResult {
  name: string;
  example: string;
  latency: LatencySummary;
  /** Rows in the answers, averaged: a query that finds nothing measures nothing useful. */
  meanRows: number;
}

const WARM_UP = 10;

interface QuerySpec {
  name: string;
  route: (i: number) => string;
  rows: (body: any) => number;
}

const QUERIES: QuerySpec[] = [
  {
    name: 'GET /issues overdue by district',
    route: (i) => `/issues?district=${DISTRICTS[i % DISTRICTS.length]}&overdue=true&limit=50`,
    rows: (body) => body.items.length,
  },
  {
    // The board's six counters (open, due soon, overdue, escalated per level) for a district.
    name: 'GET /issues/counts by district',
    route: (i) => `/issues/counts?district=${DISTRICTS[i % DISTRICTS.length]}`,
    rows: (body) => body.open,
  },
  {
    name: 'GET /groups/performance quarter',
    route: () => `/groups/performance?period=${LOAD_QUARTER}`,
    rows: (body) => body.rows.length,
  },
  {
    // Moving forward in time, each answer resumes the previous fold of the log (see LogFolds).
    name: 'GET /groups/performance quarter asOf now',
    route: () =>
      `/groups/performance?period=${LOAD_QUARTER}&asOf=${encodeURIComponent(new Date().toISOString())}`,
    rows: (body) => body.rows.length,
  },
  {
    // The actor is the signed-in sender (the benchmark's one user); the district keeps it selective.
    name: 'GET /audit by actor and district',
    route: (i) => `/audit?actor=bench-leader&district=${DISTRICTS[i % DISTRICTS.length]}&limit=50`,
    rows: (body) => body.items.length,
  },
];

/**
 * Read latency of the dashboard queries over the loaded read models, one request at a
 * time (what one dashboard user sees), after a short warm-up that is not counted.
 */
export async function benchQueries(client: HttpClient, config: BenchConfig): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  for (const spec of QUERIES) {
    for (let i = 0; i < WARM_UP; i++) await client.get(spec.route(i));
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < config.queries; i++) {
      const answer = await client.get(spec.route(i));
      samples.push(answer.ms);
      rows += spec.rows(answer.body);
    }
    results.push({
      name: spec.name,
      example: spec.route(0),
      latency: summarize(samples),
      meanRows: Math.round((rows / config.queries) * 10) / 10,
    });
  }
  return results;
}
