import * as path from 'node:path';

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
  /** How long `minPosition` waits for the projections before answering 503. */
  readYourWritesTimeoutMs: number;
  /** Pino log level for Fastify's logger, or 'silent'. */
  logLevel: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = process.cwd();
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    groupsFile: path.resolve(root, env.GROUPS_FILE || 'config/work-groups.json'),
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 0, 60000),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
