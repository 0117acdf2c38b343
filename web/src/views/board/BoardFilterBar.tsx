import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  DISTRICTS,
  ESCALATION_LEVELS,
  ISSUE_STATUSES,
  LIGHTS,
  SEVERITIES,
} from '../../api/vocabulary';
import { useLabels } from '../../i18n/labels';
import type { BoardFilters, FilterKey } from './board-filters';

/** The board's filters: each a labelled select that applies at once. */
export function BoardFilterBar({
  filters,
  ownDistrict,
  onChange,
  onClear,
}: {
  filters: BoardFilters;
  ownDistrict: string | null;
  onChange: (key: FilterKey, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const select = (key: FilterKey, options: readonly (string | number)[], label: (v: string) => string) => (
    <div className="field field-inline">
      <label htmlFor={`filter-${key}`}>{t(`board.filter.${key}`)}</label>
      <select id={`filter-${key}`} value={filters[key] ?? ''} onChange={(e) => onChange(key, e.target.value)}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o} value={String(o)}>
            {label(String(o))}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label={t('board.filtersLabel')}
      onSubmit={(e) => e.preventDefault()}
    >
      {ownDistrict ? (
        <div className="field field-inline">
          <span className="label">{t('board.filter.district')}</span>
          <span className="fixed-value">{labels.district(ownDistrict)}</span>
        </div>
      ) : (
        select('district', DISTRICTS, labels.district)
      )}
      {select('status', ISSUE_STATUSES, labels.status)}
      {select('category', CATEGORIES, labels.category)}
      {select('severity', SEVERITIES, labels.severity)}
      {select('light', LIGHTS, labels.light)}
      {select('level', ESCALATION_LEVELS, labels.level)}
      {select('closed', ['false', 'true'], (v) => t(`board.closed.${v}`))}
      <button type="button" onClick={onClear}>
        {t('board.clear')}
      </button>
    </form>
  );
}
