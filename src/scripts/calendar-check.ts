import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/app-config';
import { openReadStore } from '../config/open-stores';
import { checkCalendar, formatCalendarCheck } from '../escalation/calendar/calendar-check';
import { loadEscalationPolicy } from '../escalation/policy/load-policy';

/**
 * `npm run calendar:check`: which years the working-day calendar covers and from where (the
 * package, or HOLIDAYS_FILE and the notice each year cites), and which pending deadlines wait
 * for a year nobody covers. Reads the configuration and the deadlines read model the engine
 * uses; writes nothing, so it may run beside a running engine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadEscalationPolicy(config.escalation.policyFile);
  // An embedded read store that does not exist yet is not created just to be found empty.
  const missing =
    config.readStore === 'sqlite' && !fs.existsSync(path.join(config.dataDir, 'read-models.db'));
  const readStore = missing ? null : await openReadStore(config);
  try {
    console.log(formatCalendarCheck(await checkCalendar(config.calendar, policy, readStore)));
  } finally {
    await readStore?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`calendar check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
