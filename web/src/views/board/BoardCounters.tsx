import { useTranslation } from 'react-i18next';
import type { IssueCounts } from '../../api/types';
import { COUNTERS, counterIsOn, type BoardFilters, type CounterId } from './board-filters';

const valueOf = (counts: IssueCounts, id: CounterId): number => {
  switch (id) {
    case 'open':
      return counts.open;
    case 'dueSoon':
      return counts.dueSoon;
    case 'overdue':
      return counts.overdue;
    case 'level1':
      return counts.escalated.level1;
    case 'level2':
      return counts.escalated.level2;
    case 'level3':
      return counts.escalated.level3;
    default: {
      const unexpected: never = id;
      throw new Error(`unknown counter ${String(unexpected)}`);
    }
  }
};

/**
 * Open / 临期 / 超期 / escalated per level, for the district, category and severity chosen.
 * Each is a toggle button: pressed, the list below shows what it counts.
 */
export function BoardCounters({
  counts,
  filters,
  onPick,
}: {
  counts: IssueCounts | undefined;
  filters: BoardFilters;
  onPick: (filters: BoardFilters | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="counters" aria-label={t('board.countersLabel')}>
      {COUNTERS.map((counter) => {
        const on = counterIsOn(counter, filters);
        return (
          <li key={counter.id}>
            <button
              type="button"
              className={`counter counter-${counter.id}`}
              aria-pressed={on}
              onClick={() => onPick(on ? null : counter.filters)}
            >
              <span className="counter-value">{counts ? valueOf(counts, counter.id) : '…'}</span>
              <span className="counter-label">{t(`board.counter.${counter.id}`)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
