import { useCallback, useState } from 'react';

/** The cursor stack behind a Pager: page n is read with cursors[n]. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const next = useCallback((nextCursor: string | null) => {
    if (nextCursor) setCursors((stack) => [...stack, nextCursor]);
  }, []);
  const previous = useCallback(
    () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
    [],
  );
  const reset = useCallback(() => setCursors([null]), []);
  return { page, cursor, next, previous, reset };
}
