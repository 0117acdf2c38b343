import { useTranslation } from 'react-i18next';
import { periodKind, periodOf, shanghaiToday, type PeriodKind } from '../format/time';

const KINDS: PeriodKind[] = ['day', 'month', 'quarter', 'year'];

/** A day, month, quarter or year, written the way GET /groups/performance takes it. */
export function PeriodPicker({
  period,
  onChange,
  idPrefix = 'period',
}: {
  period: string;
  onChange: (period: string) => void;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const kind = periodKind(period) ?? 'quarter';
  const year = period.slice(0, 4);
  const years = Array.from({ length: 6 }, (_, i) => String(Number(shanghaiToday().slice(0, 4)) - i));
  if (!years.includes(year)) years.push(year);

  const onKind = (next: PeriodKind) => {
    // Keep the same moment: the first day of the current choice, seen as the new kind.
    const day =
      kind === 'day'
        ? period
        : kind === 'month'
          ? `${period}-01`
          : kind === 'quarter'
            ? `${year}-${String((Number(period.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`
            : `${year}-01-01`;
    onChange(periodOf(next, day));
  };

  let value;
  switch (kind) {
    case 'day':
      value = (
        <input
          id={`${idPrefix}-value`}
          type="date"
          value={period}
          onChange={(e) => e.target.value && onChange(e.target.value)}
        />
      );
      break;
    case 'month':
      value = (
        <input
          id={`${idPrefix}-value`}
          type="month"
          value={period}
          onChange={(e) => e.target.value && onChange(e.target.value)}
        />
      );
      break;
    case 'quarter':
      value = (
        <span className="pair">
          <select
            id={`${idPrefix}-value`}
            value={year}
            aria-label={t('period.year')}
            onChange={(e) => onChange(`${e.target.value}-${period.slice(5)}`)}
          >
            {years.map((y) => (
              <option key={y}>{y}</option>
            ))}
          </select>
          <select
            value={period.slice(5)}
            aria-label={t('period.quarter')}
            onChange={(e) => onChange(`${year}-${e.target.value}`)}
          >
            {['Q1', 'Q2', 'Q3', 'Q4'].map((q) => (
              <option key={q} value={q}>
                {t(`period.${q}`)}
              </option>
            ))}
          </select>
        </span>
      );
      break;
    case 'year':
      value = (
        <select id={`${idPrefix}-value`} value={year} onChange={(e) => onChange(e.target.value)}>
          {years.map((y) => (
            <option key={y}>{y}</option>
          ))}
        </select>
      );
      break;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown period kind ${String(unexpected)}`);
    }
  }

  return (
    <div className="period-picker" role="group" aria-label={t('period.label')}>
      <div className="field field-inline">
        <label htmlFor={`${idPrefix}-kind`}>{t('period.kind')}</label>
        <select id={`${idPrefix}-kind`} value={kind} onChange={(e) => onKind(e.target.value as PeriodKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`period.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor={`${idPrefix}-value`}>{t(`period.kinds.${kind}`)}</label>
        {value}
      </div>
    </div>
  );
}
