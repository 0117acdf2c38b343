import fs from 'node:fs';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { describeTarget } from '../event-store/postgres-schema';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { copyEventLog } from '../event-store/store-copy';

const USAGE =
  'usage: npm run store:copy -- --from sqlite:<file> --to postgres:<url>[#<schema>] [--batch-size N] [--max-events N]';

export interface CopyArgs {
  sqliteFile: string;
  connectionString: string;
  schema: string;
  batchSize?: number;
  maxEvents?: number;
}

/** Parses `--name value` and `--name=value` arguments; throws the usage on anything else. */
export function parseCopyArgs(argv: string[]): CopyArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument ${argv[i]}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
    values.set(match[1], value);
  }
  const unknown = [...values.keys()].filter((k) => !['from', 'to', 'batch-size', 'max-events'].includes(k));
  if (unknown.length > 0) throw new Error(`unknown option --${unknown[0]}\n${USAGE}`);
  const from = values.get('from') ?? '';
  const to = values.get('to') ?? '';
  if (!from.startsWith('sqlite:')) throw new Error(`--from must be sqlite:<file>\n${USAGE}`);
  // Both "postgres:postgres://..." (the documented form) and a bare URL are accepted.
  const target = /^postgres(ql)?:\/\//.test(to) ? to : to.replace(/^postgres:/, '');
  if (!/^postgres(ql)?:\/\//.test(target))
    throw new Error(`--to must be postgres:<url>[#<schema>]\n${USAGE}`);
  const hash = target.lastIndexOf('#');
  const count = (name: string): number | undefined => {
    const raw = values.get(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
    return n;
  };
  return {
    sqliteFile: from.slice('sqlite:'.length),
    connectionString: hash >= 0 ? target.slice(0, hash) : target,
    schema: (hash >= 0 ? target.slice(hash + 1) : '') || 'public',
    batchSize: count('batch-size'),
    maxEvents: count('max-events'),
  };
}

/**
 * `npm run store:copy`: copies the embedded store's log into PostgreSQL, resumably. Stop the
 * engine for the final run; then start it on PostgreSQL and rebuild the projections there.
 */
async function main(): Promise<void> {
  const args = parseCopyArgs(process.argv.slice(2));
  // Opening a missing file would create an empty store and "copy" nothing.
  if (!fs.existsSync(args.sqliteFile)) throw new Error(`no SQLite event store at ${args.sqliteFile}`);
  const source = SqliteEventStore.open(args.sqliteFile);
  const where = `${describeTarget(args.connectionString)} schema ${args.schema}`;
  try {
    const target = await PostgresEventStore.connect({
      connectionString: args.connectionString,
      schema: args.schema,
    });
    try {
      const started = Date.now();
      let lastPrint = 0;
      const summary = await copyEventLog(source, target, {
        batchSize: args.batchSize,
        maxEvents: args.maxEvents,
        onVerified: (n) => n > 0 && console.log(`resuming: ${n} events already on ${where} match the source`),
        onProgress: ({ copied, position, sourceHead }) => {
          if (Date.now() - lastPrint < 1000 && position < sourceHead) return;
          lastPrint = Date.now();
          console.log(`copied ${copied} events, at position ${position} of ${sourceHead}`);
        },
      });
      console.log(
        `store copy ${summary.complete ? 'complete' : 'stopped before the end (run it again to resume)'}: ` +
          `${summary.copied} events copied in ${Date.now() - started} ms, ${summary.alreadyOnTarget} were already there; ` +
          `${where} is at position ${summary.targetHead}, ${args.sqliteFile} at ${summary.sourceHead}`,
      );
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
