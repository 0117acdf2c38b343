import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PostgresEventStore } from '../../src/event-store/postgres-event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { copyEventLog, type CopyProgress, TargetMismatchError } from '../../src/event-store/store-copy';
import { parseCopyArgs } from '../../src/scripts/store-copy';
import { newEvent, newStreamId, numbered } from './fixtures/helpers';
import { dropSchema, freshSchemaName, TEST_PG_URL } from './postgres-test-schema';

const run = promisify(execFile);
let dir: string;
const schemas: string[] = [];
const closers: Array<() => Promise<void>> = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-copy-'));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const schema of schemas.splice(0)) await dropSchema(schema);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A SQLite log of 79 events: several streams, multi-event appends, Chinese text, extra metadata. */
async function sqliteLog(): Promise<{ file: string; source: SqliteEventStore }> {
  const file = path.join(dir, 'events.db');
  const source = SqliteEventStore.open(file);
  closers.push(() => source.close());
  const streams = Array.from({ length: 4 }, () => newStreamId());
  for (let i = 0; i < 40; i++) {
    const streamId = streams[i % streams.length];
    const events =
      i % 3 === 0
        ? numbered(1, i)
        : [
            newEvent(
              'MeetingConvened',
              { site: '何厝片区', decisions: ['分段包干', '集资修缮'], i },
              { actor: '驻思明区工作组', client: { ip: '10.0.0.1' } },
            ),
            ...numbered(i % 3, i),
          ];
    await source.appendToStream(streamId, events);
  }
  return { file, source };
}

async function pgTarget(schema = freshSchemaName('es_copy')): Promise<PostgresEventStore> {
  schemas.push(schema);
  const target = await PostgresEventStore.connect({ connectionString: TEST_PG_URL, schema });
  closers.push(() => target.close());
  return target;
}

describe('store copy: SQLite to PostgreSQL', () => {
  it('copies the whole log in two runs (stopped midway, then resumed), everything identical', async () => {
    const { source } = await sqliteLog();
    const total = await source.headPosition();
    const target = await pgTarget();

    const progress: CopyProgress[] = [];
    const first = await copyEventLog(source, target, {
      batchSize: 25,
      maxEvents: 60,
      onProgress: (p) => progress.push(p),
    });
    expect(first).toMatchObject({ alreadyOnTarget: 0, copied: 60, targetHead: 60, complete: false });
    expect(progress.map((p) => p.position)).toEqual([25, 50, 60]);

    const second = await copyEventLog(source, target, { batchSize: 25 });
    expect(second).toMatchObject({
      alreadyOnTarget: 60,
      copied: total - 60,
      targetHead: total,
      sourceHead: total,
      complete: true,
    });

    const [fromSqlite, fromPg] = [
      await source.readAll({ maxCount: 10_000 }),
      await target.readAll({ maxCount: 10_000 }),
    ];
    expect(fromPg).toHaveLength(total);
    expect(fromPg).toEqual(fromSqlite);

    const third = await copyEventLog(source, target);
    expect(third).toMatchObject({ alreadyOnTarget: total, copied: 0, complete: true });
    // The copied log goes on as a normal store: the next append continues streams and positions.
    const next = await target.appendToStream(fromSqlite[0].streamId, numbered(1, 999));
    expect(next.position).toBe(total + 1);
  });

  it('refuses a target holding events that are not the source log, copying nothing', async () => {
    const { source } = await sqliteLog();
    const target = await pgTarget();
    await target.appendToStream(newStreamId(), numbered(1));
    const error = await copyEventLog(source, target).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(TargetMismatchError);
    expect(error!.message).toMatch(/target is not a copy of this source \(at position 1: id is/);
    expect(await target.headPosition()).toBe(1);
  });

  it('refuses a target that is ahead of its source', async () => {
    const { source } = await sqliteLog();
    const target = await pgTarget();
    await copyEventLog(source, target);
    await target.appendToStream(newStreamId(), numbered(1));
    await expect(copyEventLog(source, target)).rejects.toThrow(
      /position 80: the target has event .*, the source has nothing/,
    );
  });

  it('runs as a command: --from sqlite:<file> --to postgres:<url>#<schema>, resumable, with a summary', async () => {
    const { file, source } = await sqliteLog();
    expect(await source.headPosition()).toBe(79);
    const schema = freshSchemaName('es_copy_cli');
    schemas.push(schema);
    const cli = (...extra: string[]) =>
      run(
        process.execPath,
        [
          '-r',
          require.resolve('./fixtures/register-ts.js'),
          path.join(__dirname, '../../src/scripts/store-copy.ts'),
          '--from',
          `sqlite:${file}`,
          '--to',
          `postgres:${TEST_PG_URL}#${schema}`,
          ...extra,
        ],
        { timeout: 60_000 },
      );
    const partial = await cli('--max-events', '50', '--batch-size', '20');
    expect(partial.stdout).toMatch(/stopped before the end \(run it again to resume\): 50 events copied/);
    const rest = await cli();
    expect(rest.stdout).toMatch(
      /resuming: 50 events already on 127\.0\.0\.1:5432\/\w+ schema es_copy_cli_\w+ match the source/,
    );
    expect(rest.stdout).toMatch(/store copy complete: 29 events copied .* at position 79, .* at 79/);
    const target = await pgTarget(schema);
    expect(await target.readAll({ maxCount: 1000 })).toEqual(await source.readAll({ maxCount: 1000 }));

    expect((await cli()).stdout).toMatch(/store copy complete: 0 events copied .* 79 were already there/);
    const wrong = await run(process.execPath, [
      '-r',
      require.resolve('./fixtures/register-ts.js'),
      path.join(__dirname, '../../src/scripts/store-copy.ts'),
      '--from',
      `sqlite:${path.join(dir, 'nope.db')}`,
      '--to',
      `postgres:${TEST_PG_URL}`,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('no SQLite event store at') });
  });

  it('parses the documented argument forms', () => {
    expect(
      parseCopyArgs([
        '--from',
        'sqlite:data/events.db',
        '--to',
        'postgres:postgres://u:p@db:5432/engine#events',
      ]),
    ).toEqual({
      sqliteFile: 'data/events.db',
      connectionString: 'postgres://u:p@db:5432/engine',
      schema: 'events',
      batchSize: undefined,
      maxEvents: undefined,
    });
    expect(
      parseCopyArgs(['--from=sqlite:a.db', '--to=postgres://db/engine', '--batch-size=100']),
    ).toMatchObject({
      connectionString: 'postgres://db/engine',
      schema: 'public',
      batchSize: 100,
    });
    expect(() => parseCopyArgs(['--from', 'a.db', '--to', 'postgres://db/x'])).toThrow(
      /--from must be sqlite:<file>/,
    );
    expect(() => parseCopyArgs(['--from', 'sqlite:a.db', '--to', 'mysql://db'])).toThrow(
      /--to must be postgres:<url>/,
    );
    expect(() =>
      parseCopyArgs(['--from', 'sqlite:a.db', '--to', 'postgres://db/x', '--max-events', '0']),
    ).toThrow(/positive integer/);
  });
});
