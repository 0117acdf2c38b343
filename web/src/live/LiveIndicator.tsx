import { useTranslation } from 'react-i18next';
import { useLive } from './LiveProvider';

const WORDS = {
  connecting: { word: 'live.connecting', hint: 'live.connectingHint' },
  live: { word: 'live.live', hint: 'live.liveHint' },
  reconnecting: { word: 'live.reconnecting', hint: 'live.reconnectingHint' },
} as const;

/** Says, in words and a shape (not colour alone), whether the page is following the engine live. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const { status } = useLive();
  if (status === 'off') return null;
  return (
    <p className={`live-indicator live-${status}`} role="status" title={t(WORDS[status].hint)}>
      <span className="live-dot" aria-hidden="true">
        {status === 'live' ? '●' : '○'}
      </span>
      {t(WORDS[status].word)}
    </p>
  );
}
