import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config/app-config';
import { openEventStore, openReadStore } from '../config/open-stores';
import { checkCalendar, formatCalendarCheck } from '../escalation/calendar/calendar-check';
import { loadEscalationPolicy } from '../escalation/policy/load-policy';
import { SuspensionBook } from '../suspensions/suspension-book';

/**
 * `npm run calendar:check`: which years the working-day calendar covers and from where (the
 * package, or HOLIDAYS_FILE and the notice each year cites), and which pending deadlines wait
 * for a year nobody covers, moved by the suspensions on record. Reads the configuration, the
 * deadlines and suspensions read models and the log the engine uses; writes nothing, so it may
 * run beside a running engine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const policy = loadEscalationPolicy(config.escalation.policyFile);
  // An embedded read store that does not exist yet is not created just to be found empty.
  const missing =
    config.readStore === 'sqlite' && !fs.existsSync(path.join(config.dataDir, 'read-models.db'));
  const readStore = missing ? null : await openReadStore(config);
  // The suspensions move deadlines as the scheduler moves them: the book reads them from the
  // read model and the log after it.
  const events = readStore ? await openEventStore(config) : null;
  try {
    let suspensions: SuspensionBook | undefined;
    if (readStore && events) {
      suspensions = new SuspensionBook(events, readStore);
      await suspensions.refresh();
    }
    console.log(formatCalendarCheck(await checkCalendar(config.calendar, policy, readStore, suspensions)));
  } finally {
    await events?.close();
    await readStore?.close();
  }
}

main().catch((error: unknown) => {
  console.error(`calendar check failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
