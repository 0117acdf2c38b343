import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small client-side router on the History API. The page's own paths all live under /app/
 * (the engine answers index.html for any of them), so they can never shadow an API route.
 */
export const APP_BASE = '/app';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, search: url.searchParams };
}

export function navigate(to: string, { replace = false, sameView = false } = {}): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  focusPending = !sameView && !replace;
  notify();
  if (focusPending) window.scrollTo(0, 0);
}

/** Replaces the query string of the current path (filters, tabs): shareable, and Back undoes it. */
export function setSearch(params: Record<string, string | null | undefined>, { replace = false } = {}): void {
  const search = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') search.delete(key);
    else search.set(key, value);
  }
  const qs = search.toString();
  navigate(window.location.pathname + (qs ? `?${qs}` : ''), { replace, sameView: true });
}

/** A path of the page, e.g. appPath('issues', id) → /app/issues/<id>. */
export const appPath = (...segments: string[]): string =>
  [APP_BASE, ...segments.map((s) => encodeURIComponent(s))].join('/');

/** Matches `/app/issues/:id` against a path; the parameters decoded. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A real link (opens in a new tab, copies, reads out as a link) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Set by an in-page navigation: the next view heading takes the focus (screen readers announce it). */
let focusPending = false;
export const takeFocusPending = (): boolean => {
  const pending = focusPending;
  focusPending = false;
  return pending;
};
