import { allProjections } from '../../projections';
import { getIssueView } from '../../projections/issue-status/queries';
import type { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { openTempSqliteStores, type TempSqliteStores } from '../support/temp-sqlite-stores';
import { upcastIssueEvent } from '../../src/issues/domain/issue-upcasters';
import type { AppliedBatch } from '../../src/ports/applied-batches';
import { Projector } from '../../src/projections-runner/projector';
import type { SqliteReadStore } from '../../src/read-store/sqlite-read-store';
import { waitUntil } from '../event-store/fixtures/helpers';
import { EventLog } from '../projections/issue-events.fixture';

/**
 * What the projector tells the live feed (the AppliedBatches port): every event once, in log
 * order, only after its batch committed (the read model already shows it when told), with the
 * facts the feed needs and where each read model stands.
 */
describe('the projector tells each applied batch', () => {
  let stores: TempSqliteStores;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let projector: Projector;

  beforeEach(() => {
    stores = openTempSqliteStores('applied-batches-', { pollIntervalMs: 20 });
    ({ events, reads } = stores);
  });
  afterEach(async () => {
    await projector?.stop();
    await stores.close();
  });

  it('after it committed: every event once, in order, with its facts and the read models’ positions', async () => {
    const told: AppliedBatch[] = [];
    /** For each told event of an issue: was the issue in the read model when it was told? */
    const visible: Array<Promise<boolean>> = [];
    projector = new Projector(events, reads, allProjections, {
      upcast: upcastIssueEvent,
      batchSize: 2,
      appliedBatches: {
        applied: (batch) => {
          told.push(batch);
          for (const e of batch.events)
            if (e.issueId) visible.push(getIssueView(reads, e.issueId, new Date()).then((v) => v !== null));
        },
      },
    });
    const log = new EventLog();
    log.reported('a', '2023-03-01T00:00:00.000Z', 'siming');
    log.assigned('a', 'r1', '2023-03-05T00:00:00.000Z', '2023-03-01T02:00:00.000Z');
    log.reported('b', '2023-03-02T00:00:00.000Z', 'huli');
    log.closed('b', '2023-03-03T00:00:00.000Z');
    log.reported('c', '2023-03-03T00:00:00.000Z', 'jimei');
    await projector.start();
    let last = 0;
    for (const { id, type, data, metadata, streamId } of log.events)
      ({ position: last } = await events.appendToStream(streamId, [{ id, type, data, metadata }]));
    await waitUntil(() => told.at(-1)?.position === last, 'the last batch told');

    const facts = told.flatMap((batch) => batch.events);
    expect(facts.map((f) => [f.position, f.type, f.issueId, f.district])).toEqual([
      [1, 'IssueReported', 'a', 'siming'],
      [2, 'RemediationAssigned', 'a', null],
      [3, 'IssueReported', 'b', 'huli'],
      [4, 'IssueClosed', 'b', null],
      [5, 'IssueReported', 'c', 'jimei'],
    ]);
    expect(facts.every((f) => f.streamId === `issue-${f.issueId}` && typeof f.recordedAt === 'string')).toBe(
      true,
    );
    for (const batch of told) {
      expect(batch.position).toBe(batch.events.at(-1)!.position);
      expect(Object.keys(batch.readModels).sort()).toEqual(allProjections.map((p) => p.name).sort());
      for (const at of Object.values(batch.readModels)) expect(at).toBeGreaterThanOrEqual(batch.position);
    }
    expect(await Promise.all(visible)).toEqual(facts.map(() => true));
  });
});
