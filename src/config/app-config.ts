import * as fs from 'node:fs';
import * as path from 'node:path';
import { UNCOVERED_YEARS_MODES, type UncoveredYearsMode } from '../escalation/calendar/working-calendar';
import {
  defaultQueuePrefix,
  describeDeploymentLog,
  type DeploymentLog,
} from '../escalation/queue/queue-names';
import { authConfig, type AuthConfig } from './auth-config';

/**
 * Everything the engine reads from the environment, parsed once at start. Each variable is
 * documented in the README's configuration table; a bad value stops the start with a message
 * that names the variable.
 */
export interface AppConfig {
  /** HTTP port. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Folder of the embedded store: events.db (the log) and read-models.db (projections). */
  dataDir: string;
  /** The work groups and their 1+1+1 leadership. */
  groupsFile: string;
  /** The built web page (`vite build` output) served at `/`. */
  webDir: string;
  /** How long `minPosition` waits for the projections before answering 503. */
  readYourWritesTimeoutMs: number;
  /**
   * Where the projector runs: `worker`, a worker thread of its own, so batches of the read
   * models never hold the event loop that serves commands and queries; `main`, this thread
   * (one thread fewer; the specs use it, since a worker loads the sources uncompiled there).
   */
  projectionsThread: ProjectionsThread;
  /** How often the live stream (GET /live) sends a heartbeat and checks the reader's session. */
  liveHeartbeatMs: number;
  /** Pino log level for Fastify's logger, or 'silent'. */
  logLevel: string;
  /** Where the event log lives. */
  eventStore: EventStoreKind;
  /** Where the read models (projections and their checkpoints) live. */
  readStore: ReadStoreKind;
  /** PostgreSQL connection string, for EVENT_STORE=postgres or READ_STORE=postgres. */
  databaseUrl: string;
  /** PostgreSQL schema for the engine's tables. */
  databaseSchema: string;
  /** EventStoreDB connection string, for EVENT_STORE=eventstoredb. */
  eventStoreDbUrl: string | null;
  /** How many streams' aggregate states the command path keeps in memory (0: none). */
  stateCacheStreams: number;
  /** Automatic escalation: its policy, queues, reconciler and webhooks. */
  escalation: EscalationConfig;
  /** The published scoring formula of the rankings (YAML or JSON). */
  scoringFormula: string;
  /** The working-day calendar: the operator's holiday data and what a year nobody covers means. */
  calendar: CalendarConfig;
  /** Sign-in, tokens and the HTTP edge. */
  auth: AuthConfig;
}

export interface CalendarConfig {
  /** The operator's calendar file (YAML), whose years add to or override the package's; null for none. */
  holidaysFile: string | null;
  /** `refuse` a year nobody covers (the default), or count it Monday to Friday as `weekdays`, provisionally. */
  uncoveredYears: UncoveredYearsMode;
}

export interface EscalationConfig {
  /** Off only where nothing should escalate by itself (e.g. a read-only replica). */
  enabled: boolean;
  /** The policy file (YAML or JSON). */
  policyFile: string;
  /** Redis for the BullMQ queues. */
  redisUrl: string;
  /**
   * Key prefix of every queue in Redis, so deployments (and tests) can share one Redis.
   * @defaultValue derived from the event log the deployment's engines share (see `defaultQueuePrefix`)
   */
  queuePrefix: string;
  /** What the prefix was derived from (the event log, described without credentials); null when ESCALATION_QUEUE_PREFIX set it. */
  queuePrefixDerivedFrom: string | null;
  /** How often the reconciler re-adds missing checks in a full pass (it also runs at once when Redis lost its mark). */
  reconcileIntervalMs: number;
  /** How many checks one engine runs at once. */
  workerConcurrency: number;
  /** Webhook receivers of escalations and warnings. */
  webhooks: string[];
  /** HMAC-SHA256 key of the X-Escalation-Signature header. */
  webhookSecret: string;
  /**
   * How long a running check stays locked to its worker without renewal; a crashed worker's
   * check is taken over by another engine after about this long.
   */
  lockMs: number;
}

export const PROJECTIONS_THREADS = ['worker', 'main'] as const;
export type ProjectionsThread = (typeof PROJECTIONS_THREADS)[number];

export const EVENT_STORE_KINDS = ['sqlite', 'postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];
export const READ_STORE_KINDS = ['sqlite', 'postgres'] as const;
export type ReadStoreKind = (typeof READ_STORE_KINDS)[number];

const oneOf = <T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => {
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
};

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The `escalation` part of the config, for the escalation graph's providers. */
export const ESCALATION_SETTINGS = Symbol('ESCALATION_SETTINGS');

const integer = (
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = process.cwd();
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE, EVENT_STORE_KINDS, 'sqlite');
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new Error(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://127.0.0.1:2113?tls=false',
    );
  }
  const dataDir = path.resolve(root, env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseSchema = schema(env.DATABASE_SCHEMA);
  const eventStoreDbUrl = env.EVENTSTORE_CONNECTION_STRING || null;
  const deploymentLog: DeploymentLog =
    eventStore === 'postgres'
      ? { kind: 'postgres', databaseUrl, schema: databaseSchema }
      : eventStore === 'eventstoredb'
        ? { kind: 'eventstoredb', connectionString: eventStoreDbUrl ?? '' }
        : { kind: 'sqlite', file: path.join(dataDir, 'events.db') };
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    groupsFile: env.GROUPS_FILE
      ? path.resolve(root, env.GROUPS_FILE)
      : path.join(projectRoot(), 'config', 'work-groups.json'),
    webDir: env.WEB_DIR ? path.resolve(root, env.WEB_DIR) : path.join(projectRoot(), 'web', 'dist'),
    readYourWritesTimeoutMs: integer(
      'READ_YOUR_WRITES_TIMEOUT_MS',
      env.READ_YOUR_WRITES_TIMEOUT_MS,
      5000,
      0,
      60000,
    ),
    projectionsThread: oneOf('PROJECTIONS_THREAD', env.PROJECTIONS_THREAD, PROJECTIONS_THREADS, 'worker'),
    liveHeartbeatMs: integer('LIVE_HEARTBEAT_MS', env.LIVE_HEARTBEAT_MS, 15_000, 100, 300_000),
    logLevel: env.LOG_LEVEL || 'info',
    eventStore,
    // The read models follow the log into PostgreSQL unless told otherwise.
    readStore: oneOf(
      'READ_STORE',
      env.READ_STORE,
      READ_STORE_KINDS,
      eventStore === 'postgres' ? 'postgres' : 'sqlite',
    ),
    databaseUrl,
    databaseSchema,
    eventStoreDbUrl,
    stateCacheStreams: integer('STATE_CACHE_STREAMS', env.STATE_CACHE_STREAMS, 10_000, 0, 10_000_000),
    escalation: escalationConfig(env, deploymentLog),
    calendar: {
      holidaysFile: env.HOLIDAYS_FILE ? path.resolve(root, env.HOLIDAYS_FILE) : null,
      uncoveredYears: oneOf(
        'CALENDAR_UNCOVERED_YEARS',
        env.CALENDAR_UNCOVERED_YEARS,
        UNCOVERED_YEARS_MODES,
        'refuse',
      ),
    },
    scoringFormula: env.SCORING_FORMULA
      ? path.resolve(root, env.SCORING_FORMULA)
      : path.join(projectRoot(), 'config', 'scoring.yaml'),
    auth: authConfig(env),
  };
}

function escalationConfig(env: NodeJS.ProcessEnv, deploymentLog: DeploymentLog): EscalationConfig {
  const root = process.cwd();
  const webhooks = (env.ESCALATION_WEBHOOKS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  for (const url of webhooks) {
    let ok: boolean;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`ESCALATION_WEBHOOKS must be comma-separated http(s) URLs, got "${url}"`);
  }
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new Error(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  // Derived by default: a fixed default would put every deployment on one Redis in one set of queues.
  const prefix = env.ESCALATION_QUEUE_PREFIX || defaultQueuePrefix(deploymentLog);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix))
    throw new Error(`ESCALATION_QUEUE_PREFIX must be 1-64 letters, digits, _ . or -, got "${prefix}"`);
  return {
    enabled: oneOf('ESCALATION', env.ESCALATION, ['on', 'off'] as const, 'on') === 'on',
    policyFile: env.ESCALATION_POLICY
      ? path.resolve(root, env.ESCALATION_POLICY)
      : path.join(projectRoot(), 'config', 'escalation-policy.yaml'),
    redisUrl,
    queuePrefix: prefix,
    queuePrefixDerivedFrom: env.ESCALATION_QUEUE_PREFIX ? null : describeDeploymentLog(deploymentLog),
    reconcileIntervalMs: integer(
      'ESCALATION_RECONCILE_INTERVAL_MS',
      env.ESCALATION_RECONCILE_INTERVAL_MS,
      300_000,
      200,
      86_400_000,
    ),
    workerConcurrency: integer('ESCALATION_WORKER_CONCURRENCY', env.ESCALATION_WORKER_CONCURRENCY, 8, 1, 256),
    webhooks,
    webhookSecret: env.ESCALATION_WEBHOOK_SECRET || 'change-me',
    lockMs: integer('ESCALATION_LOCK_MS', env.ESCALATION_LOCK_MS, 30_000, 500, 600_000),
  };
}

function schema(raw: string | undefined): string {
  const value = raw || 'public';
  // The schema name goes into DDL, so only a plain identifier is accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new Error(`DATABASE_SCHEMA must be a lower-case identifier (letters, digits, _), got "${value}"`);
  }
  return value;
}

/** The folder holding package.json: the shipped roster is found wherever the engine starts. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
