import { cells, early, lat, ms, n, table, type Row } from './report-table';
import { appendSection } from './report-append';
import type { BenchResults, StoreResults } from './results';

const sizes = (c: StoreResults['config']): string =>
  `${n(c.sequentialEvents)} / ${n(c.events)} events per sequential / concurrent append run, ${n(c.issues)} issues per level, ${n(c.overdueIssues)} overdue, ${n(c.queries)} requests per query`;

/** The human-readable table of one run: the store setups side by side. */
export function formatReport(r: BenchResults): string {
  const m = r.meta;
  const setups = m.stores.filter((s) => r.stores[s] !== undefined);
  const runs = setups.map((s) => r.stores[s]!);
  const each = (cell: (x: StoreResults) => string | undefined): string[] => cells(runs, cell);
  const head = setups.map((s) => (s === 'postgres' ? `postgres (both stores)` : `sqlite (embedded)`));
  const out: string[] = [
    `Escalation engine benchmark — ${m.startedAt}`,
    `CPU ${m.cpu} × ${m.cores} · Node ${m.node} · ${m.platform} · total ${n(m.totalSeconds)} s`,
    ...(m.databaseUrl
      ? [
          `PostgreSQL ${m.postgresVersion} at ${m.databaseUrl}, a fresh schema per benchmark, dropped afterwards`,
        ]
      : []),
    ...setups.map((s, i) => `${s}: ${sizes(runs[i].config)} · ${n(runs[i].elapsedSeconds)} s`),
  ];
  if (
    r.stores.postgres &&
    r.stores.sqlite &&
    r.stores.postgres.config.events < r.stores.sqlite.config.events
  ) {
    out.push(
      '(PostgreSQL runs fewer events and issues by default, to keep the default run near 3 minutes: rates compare, totals do not. BENCH_PG_EVENTS, BENCH_PG_SEQUENTIAL_EVENTS, BENCH_PG_ISSUES set them.)',
    );
  }
  out.push(appendSection(setups, runs, head));
  const levels = [...new Set(runs.flatMap((x) => x.commands.map((c) => c.concurrency)))];
  const level = (x: StoreResults, c: number) => x.commands.find((l) => l.concurrency === c);
  out.push(
    table(
      '2. HTTP commands (report → assign → complete → verify → close, per issue)',
      head,
      levels.flatMap((c): Row[] => [
        [
          `concurrency ${c}`,
          ...each((x) => {
            const l = level(x, c);
            return l && `${n(l.commandsPerSecond)} commands/s${early(l.stoppedEarly)}`;
          }),
        ],
        [
          '  latency',
          ...each((x) => {
            const l = level(x, c);
            return l && lat(l.latency);
          }),
        ],
        [
          '  commands, elapsed',
          ...each((x) => {
            const l = level(x, c);
            return l && `${n(l.commands)}, ${ms(l.elapsedMs)}`;
          }),
        ],
      ]),
    ),
  );
  out.push(
    table('3. Projections', head, [
      ...levels.flatMap((c): Row[] => [
        [
          `max lag during load, c=${c}`,
          ...each((x) => {
            const l = level(x, c);
            return l && `${n(l.maxLagDuringLoad)} events`;
          }),
        ],
        [
          `catch-up after load, c=${c}`,
          ...each((x) => {
            const l = level(x, c);
            return l && `${ms(l.catchUp.ms)} (lag ${n(l.catchUp.lagAtStart)} → 0)`;
          }),
        ],
      ]),
      ['rebuild from zero', ...each((x) => `${n(x.rebuild.eventsPerSecond)} events/s`)],
      ['  events, elapsed', ...each((x) => `${n(x.rebuild.events)}, ${ms(x.rebuild.elapsedMs)}`)],
    ]),
  );
  const names = runs[0]?.queries.map((q) => q.name) ?? [];
  const query = (x: StoreResults, name: string) => x.queries.find((q) => q.name === name);
  out.push(
    table(
      '4. Queries (sequential requests after the load and the overdue seed)',
      head,
      names.flatMap((name): Row[] => [
        [
          name,
          ...each((x) => {
            const q = query(x, name);
            return q && lat(q.latency);
          }),
        ],
        [
          '  rows per answer',
          ...each((x) => {
            const q = query(x, name);
            return q && `${n(q.meanRows)} (${n(q.latency.count)} requests)`;
          }),
        ],
      ]),
    ),
  );
  const moments = runs[0]?.memory.map((x) => x.when) ?? [];
  const memory = (x: StoreResults, when: string) => x.memory.find((f) => f.when === when);
  out.push(
    table(
      "5. Engine process memory after a full GC (the engine only; PostgreSQL's own memory is not in it)",
      head,
      moments.flatMap((when): Row[] => [
        [
          when,
          ...each((x) => {
            const f = memory(x, when);
            return f && `RSS ${n(f.rssMb)} MB · heap ${n(f.heapUsedMb)} MB`;
          }),
        ],
      ]),
    ),
  );
  return out.join('\n') + '\n';
}
