import type { LatencySummary } from '../stats';
import type { WebPageResults } from './run-web';

const ms = (s: LatencySummary) => `p50 ${s.p50Ms.toFixed(0)} ms, max ${s.maxMs.toFixed(0)} ms`;

/** The web page's figures as a Markdown table (docs/benchmarks.md keeps one). */
export function formatWebPage(results: WebPageResults): string {
  const { demo, multiplied, catchUp, page } = results;
  const lines = [
    '',
    `web page: the demo (${demo.issues} issues, ${demo.commands} commands through the API in ${(demo.ms / 1000).toFixed(1)} s) ` +
      `multiplied to ${multiplied.issues} issues (${multiplied.events} events appended in ${(multiplied.ms / 1000).toFixed(1)} s), ` +
      `projections caught up in ${(catchUp.ms / 1000).toFixed(1)} s`,
    '',
    '| the board (chromium, bureau leader) | page: input → rows painted | the list request |',
    '| --- | --- | --- |',
    `| first useful paint, empty cache (navigation → first rows) | ${ms(page.firstUsefulPaintCold)} | |`,
    `| first useful paint, reload | ${ms(page.firstUsefulPaintWarm)} | |`,
    ...page.filters.map((f) => `| ${f.step} (${f.rows} rows) | ${ms(f.update)} | ${ms(f.request)} |`),
    '',
  ];
  return lines.join('\n');
}
