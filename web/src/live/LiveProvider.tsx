import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { whoAmI } from '../api/auth';
import { noteSeen, restartAt } from '../api/positions';
import { connectLive, type LiveNews, type LiveStatus } from './live-connection';

type Listener = (news: LiveNews) => void;

interface Live {
  /** 'off' when the role reads no issues (nothing to be told). */
  status: LiveStatus | 'off';
  subscribe: (listener: Listener) => () => void;
}

const LiveContext = createContext<Live>({ status: 'off', subscribe: () => () => undefined });

/**
 * Holds the page's live stream while a reader of issues is signed in, and tells the views that
 * listen. Each event's position becomes the page's `minPosition`, so what a view reads next
 * includes it.
 */
export function LiveProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus | 'off'>('off');
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (!enabled) return;
    const connection = connectLive({
      onStatus: setStatus,
      onNews: (news) => {
        if (news.kind === 'event') noteSeen(news.event.position);
        else restartAt(news.position);
        for (const listener of listeners.current) listener(news);
      },
      // A refusal may mean the session ended: /auth/me answers 401 then, which signs the page out.
      onRefused: () => void whoAmI().catch(() => undefined),
    });
    return () => {
      connection.close();
      setStatus('off');
    };
  }, [enabled]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const live = useMemo<Live>(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export const useLive = (): Live => useContext(LiveContext);
