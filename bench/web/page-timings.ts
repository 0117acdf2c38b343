import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { summarize, type LatencySummary } from '../stats';

/** Debian's chromium, as the browser specs drive it (test/browser/chromium.ts). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The mark the board leaves when a list answer's rows are painted (web/src/views/board/BoardView.tsx). */
const ROWS_MARK = 'board:rows';
const VIEWPORT = { width: 1280, height: 900 };
const STEP_TIMEOUT_MS = 30_000;

export interface FilterTiming {
  /** What the reader did, e.g. "district = haicang". */
  step: string;
  /** From the reader's input event to the new rows painted. */
  update: LatencySummary;
  /** The list request's own time (Resource Timing), the server's share of it. */
  request: LatencySummary;
  /** Rows on the page after the step. */
  rows: number;
}

export interface PageTimings {
  /** Navigation start to the board's first rows painted, a fresh context (empty cache) each time. */
  firstUsefulPaintCold: LatencySummary;
  /** The same on reloads of an open page (scripts cached). */
  firstUsefulPaintWarm: LatencySummary;
  filters: FilterTiming[];
}

type Step = { name: string; act: (page: Page) => Promise<void> };

const select = (id: string, value: string): Step => ({
  name: `${id.replace('filter-', '')} = ${value}`,
  act: async (page) => void (await page.selectOption(`#${id}`, value)),
});
const click = (name: string, selector: string): Step => ({
  name,
  act: (page) => page.locator(selector).click(),
});

/** The board's filters one by one, each applied to the unfiltered board and cleared again. */
const STEPS: Step[] = [
  select('filter-district', 'haicang'),
  select('filter-status', 'in-progress'),
  select('filter-category', 'technical-difficulty'),
  select('filter-severity', 'high'),
  select('filter-light', 'red'),
  select('filter-level', '1'),
  select('filter-closed', 'false'),
  click('the 超期 (overdue) counter', '.counter-overdue'),
  click('the next page', '.pager button:last-child'),
];

/** Every input or click of the reader, stamped (capture phase: before React's handlers run). */
const STAMP_INPUTS = `
  for (const type of ['change', 'click'])
    addEventListener(type, () => { window.__benchInputAt = performance.now(); }, true);
`;

/** Waits for the rows mark that follows the last input; answers the time between them. */
async function untilRowsPainted(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (mark) => {
      const at = (globalThis as unknown as { __benchInputAt?: number }).__benchInputAt ?? 0;
      const marks = performance.getEntriesByName(mark);
      const last = marks[marks.length - 1];
      return last && last.startTime > at ? last.startTime - at : false;
    },
    ROWS_MARK,
    { timeout: STEP_TIMEOUT_MS, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** The duration of the last list request (GET /issues?…), from Resource Timing. */
const lastListRequestMs = (page: Page) =>
  page.evaluate(() => {
    const lists = performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname === '/issues');
    const last = lists[lists.length - 1] as unknown as
      { responseEnd: number; requestStart: number } | undefined;
    return last ? last.responseEnd - last.requestStart : Number.NaN;
  });

const rowCount = (page: Page) => page.locator('tbody tr[data-issue-id]').count();

async function signedInContext(browser: Browser, url: string, username: string, password: string) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // The context's request client shares its cookie jar: the session cookie lands where the page reads it.
  const answer = await context.request.post(`${url}/auth/login`, { data: { username, password } });
  if (answer.status() !== 200) throw new Error(`sign-in of ${username} answered ${answer.status()}`);
  await context.addInitScript({ content: STAMP_INPUTS });
  return context;
}

async function firstPaint(
  context: BrowserContext,
  url: string,
  page?: Page,
): Promise<{ page: Page; ms: number }> {
  const target = page ?? (await context.newPage());
  if (page) await target.reload();
  else await target.goto(`${url}/app/board`);
  // Navigation start is the time origin: the mark's startTime is the first useful paint.
  const handle = await target.waitForFunction(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? false,
    ROWS_MARK,
    { timeout: STEP_TIMEOUT_MS, polling: 'raf' },
  );
  return { page: target, ms: await handle.jsonValue() };
}

/**
 * The board in a real chromium against a running engine, signed in as `username` (a city-wide
 * role): its first useful paint (navigation start to the first rows painted, read from the
 * page's own Performance mark), and each filter's time from the reader's input to the new
 * rows painted, `repeats` times each.
 */
export async function measureBoard(
  url: string,
  username: string,
  password: string,
  repeats: number,
): Promise<PageTimings> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  try {
    const cold: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const context = await signedInContext(browser, url, username, password);
      cold.push((await firstPaint(context, url)).ms);
      await context.close();
    }

    const context = await signedInContext(browser, url, username, password);
    const { page } = await firstPaint(context, url);
    const warm: number[] = [];
    for (let i = 0; i < repeats; i++) warm.push((await firstPaint(context, url, page)).ms);

    const filters: FilterTiming[] = [];
    for (const step of STEPS) {
      const update: number[] = [];
      const request: number[] = [];
      let rows = 0;
      for (let i = 0; i < repeats; i++) {
        await step.act(page);
        update.push(await untilRowsPainted(page));
        request.push(await lastListRequestMs(page));
        rows = await rowCount(page);
        // Back to the unfiltered first page (a fresh load, not measured).
        await page.goto(`${url}/app/board`);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, ROWS_MARK, {
          timeout: STEP_TIMEOUT_MS,
        });
      }
      filters.push({ step: step.name, update: summarize(update), request: summarize(request), rows });
    }
    await context.close();
    return { firstUsefulPaintCold: summarize(cold), firstUsefulPaintWarm: summarize(warm), filters };
  } finally {
    await browser.close();
  }
}
