import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePassword } from '../identity/auth/passwords';
import { INITIAL_ADMIN_FILE } from '../identity/initial-admin';

export const DEMO_PASSWORD_FILE = 'demo-password';

/**
 * The admin password the demo loader signs in with: ADMIN_PASSWORD, else the engine's
 * DATA_DIR/initial-admin-password (an engine on this machine, its password not yet changed).
 */
export function demoAdminPassword(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  const file = path.join(dataDir, INITIAL_ADMIN_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  throw new Error(`the demo signs in as admin: set ADMIN_PASSWORD (there is no ${file} to read it from)`);
}

/**
 * The demo users' password: DEMO_PASSWORD, else the one an earlier load generated and kept in
 * DATA_DIR/demo-password (owner-only), else a new one, kept there for the next load.
 */
export function demoUsersPassword(
  env: NodeJS.ProcessEnv,
  dataDir: string,
): { password: string; generated: boolean } {
  if (env.DEMO_PASSWORD) return { password: env.DEMO_PASSWORD, generated: false };
  const file = path.join(dataDir, DEMO_PASSWORD_FILE);
  if (fs.existsSync(file)) return { password: fs.readFileSync(file, 'utf8').trim(), generated: false };
  const password = generatePassword();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return { password, generated: true };
}
