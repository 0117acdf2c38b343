import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe's serious and critical violations of WCAG 2.1 A/AA on what the page shows now, each as
 * "rule: help (where)", so a failing spec names what to fix.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    // Only the violations' details: collecting every passing node's doubles the time.
    .options({ resultTypes: ['violations'] })
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * What sticks out of the window sideways: the document's own horizontal scroll and every
 * visible element of the main content whose right edge passes the viewport's (a wide table
 * inside a scrolling wrapper is fine: its wrapper stays inside). Empty when nothing does.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOW_SCRIPT);
}

/** Runs in the page (a string: the engine's TypeScript has no DOM library). */
const OVERFLOW_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width + 1)
    found.push('document scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
  const scrolls = (el) => {
    for (let at = el.parentElement; at; at = at.parentElement) {
      const overflowX = getComputedStyle(at).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll') return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll('main *, header *, nav *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || scrolls(el)) continue;
    if (box.right > width + 1) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.classList.length ? '.' + Array.from(el.classList).join('.') : '');
      found.push(name + ' ends at ' + Math.round(box.right) + ' px > ' + width + ' px');
    }
  }
  return found.slice(0, 10);
})()`;

/**
 * Whether a control can be reached and used: visible, inside the window's width, and at
 * least 40 px high (web.md: controls are at least 40 px high on site).
 */
export async function reachable(
  page: Page,
  selector: string,
): Promise<{ visible: boolean; inside: boolean; height: number }> {
  const control = page.locator(selector).first();
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  const width = await page.evaluate<number>('document.documentElement.clientWidth');
  return {
    visible: await control.isVisible(),
    inside: box !== null && box.x >= 0 && box.x + box.width <= width + 1,
    height: Math.round(box?.height ?? 0),
  };
}
