import { useEffect } from 'react';

/**
 * Leaves a Performance mark named `name` once what `value` brought is on screen: after React's
 * commit, at the frame that paints it. The page's benchmark (bench/web) reads these marks to
 * time the board's first useful paint and each filter; they cost nothing otherwise.
 */
export function usePaintMark(name: string, value: unknown): void {
  useEffect(() => {
    if (value === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => performance.mark(name), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [name, value]);
}
