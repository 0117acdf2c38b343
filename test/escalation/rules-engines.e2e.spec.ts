import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYSTEM_CONFIG_STREAM } from '../../src/escalation/rules/rules-events';
import { RulesInForce } from '../../src/escalation/rules/rules-in-force';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store';
import { waitUntil } from '../event-store/fixtures/helpers';
import {
  clientFor,
  signIn,
  startTestApp,
  TEST_ADMIN_PASSWORD,
  testConfig,
  type TestApp,
} from '../e2e/test-app';
import { startEngineProcess, type EngineProcess } from './engine-processes';
import { HOURS_POLICY, TEST_CLOCK_ENV, TestClock } from './ladder-driver';

const withLevelTwoAt = (delay: string) =>
  fs.readFileSync(HOURS_POLICY, 'utf8').replaceAll('2: 2h', `2: ${delay}`);

/**
 * The versions in force with several engines: engines on one PostgreSQL that start with the
 * same new files record the version once (the expected revision decides, and the loser finds
 * the version in force), and an engine in its own process reloads on SIGHUP, refusing a bad
 * file and keeping the version in force.
 */
describe('the rules in force with several engines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rules-engines-'));
  const policyFile = path.join(dir, 'policy.yaml');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('on one PostgreSQL', () => {
    let t: TestApp;
    beforeAll(async () => {
      fs.writeFileSync(policyFile, withLevelTwoAt('2h'));
      t = await startTestApp(
        'postgres',
        testConfig('postgres', undefined, undefined, { ...TEST_CLOCK_ENV, ESCALATION_POLICY: policyFile }),
        new TestClock(),
      );
    });
    afterAll(async () => t?.destroy());

    it('records a new version once when several engines start with it at the same moment', async () => {
      const store = t.app.get<symbol, EventStore>(EVENT_STORE);
      const before = await store.readStream(SYSTEM_CONFIG_STREAM);
      fs.writeFileSync(policyFile, withLevelTwoAt('90m'));
      const files = { policyFile, calendar: t.config.calendar };
      const engines = Array.from({ length: 4 }, () => new RulesInForce(files, store, new TestClock()));
      await Promise.all(engines.map((engine) => engine.onModuleInit()));
      const after = await store.readStream(SYSTEM_CONFIG_STREAM);
      expect(after.slice(before.length).map((e) => e.type)).toEqual(['EscalationPolicyInstalled']);
      // Exactly one of them recorded it; every one holds it in force.
      expect(engines.filter((e) => e.startChange?.policy.changed)).toHaveLength(1);
      expect(new Set(engines.map((e) => e.current().policyVersion)).size).toBe(1);
    });
  });

  describe('in its own process', () => {
    let engine: EngineProcess;
    beforeAll(async () => {
      fs.writeFileSync(policyFile, withLevelTwoAt('2h'));
      engine = await startEngineProcess({
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rules-sighup-')),
        ESCALATION: 'off',
        ESCALATION_POLICY: policyFile,
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      });
      // An engine process compiles the sources as it starts: slow on a busy machine.
    }, 180_000);
    afterAll(async () => engine?.stop());

    const rulesOf = async () => {
      const admin = await signIn(engine.url, 'admin', TEST_ADMIN_PASSWORD);
      return (await admin.get('/health')).body.escalation.rules;
    };

    it('reloads on SIGHUP, and survives a bad file on SIGHUP', async () => {
      const first = await rulesOf();
      expect(first.policy).toMatchObject({ installedBy: 'engine-start' });
      fs.writeFileSync(policyFile, withLevelTwoAt('1h'));
      engine.child.kill('SIGHUP');
      await waitUntil(
        async () => (await rulesOf()).policy.version !== first.policy.version,
        'the new version',
      );
      const second = await rulesOf();
      expect(second.policy).toMatchObject({ installedBy: 'sighup' });

      fs.writeFileSync(policyFile, 'name: [broken');
      engine.child.kill('SIGHUP');
      // Reloads run one after the other: once the next good file is in force, the bad one was
      // refused before it, and the engine stayed up on the version in force meanwhile.
      fs.writeFileSync(policyFile, withLevelTwoAt('30m'));
      engine.child.kill('SIGHUP');
      await waitUntil(
        async () => (await rulesOf()).policy.version !== second.policy.version,
        'the good file after the bad one',
        30_000,
      );
      expect(engine.child.exitCode).toBeNull();
      expect((await clientFor(engine.url, null, null).get('/health')).status).toBe(200);
    }, 60_000);
  });
});
