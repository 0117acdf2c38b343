import { useEffect, useLayoutEffect, useRef } from 'react';
import type { LiveIssueEvent } from './live-connection';
import { useLive } from './LiveProvider';

/** Events close together (the ladder's levels, a batch) cause one read, this long after the first. */
const COALESCE_MS = 150;

/**
 * Reads a view again when the live stream tells an event it shows (`concerns`), or tells it
 * to read everything again. The read waits for the event's position (`minPosition`), which
 * the projections have already applied: the view shows it within a moment.
 */
export function useLiveRefresh(concerns: (event: LiveIssueEvent) => boolean, refresh: () => void): void {
  const { subscribe } = useLive();
  // The latest closures, without subscribing again on every render.
  const latest = useRef({ concerns, refresh });
  useLayoutEffect(() => {
    latest.current = { concerns, refresh };
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribe((news) => {
      if (news.kind === 'event' && !latest.current.concerns(news.event)) return;
      timer ??= setTimeout(() => {
        timer = null;
        latest.current.refresh();
      }, COALESCE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [subscribe]);
}
