import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPerformance } from '../../api/groups';
import type { PerformanceRow } from '../../api/types';
import { DISTRICTS } from '../../api/vocabulary';
import { Loaded } from '../../components/Status';
import { periodsOfYear } from '../../format/time';
import { useLoad } from '../../hooks/useLoad';
import { useLabels } from '../../i18n/labels';
import { Chart } from './charts/Chart';
import { trendChart } from './charts/group-charts';

const MEASURES = ['score', 'onTimeRate', 'closed', 'openOverdue', 'onSiteDays'] as const;
type Measure = (typeof MEASURES)[number];

const valueOf =
  (measure: Measure) =>
  (row: PerformanceRow): number | null => {
    switch (measure) {
      case 'score':
        return row.score ?? null;
      case 'onTimeRate':
        return row.onTimeRate === null ? null : Math.round(row.onTimeRate * 1000) / 10;
      case 'closed':
        return row.closed;
      case 'openOverdue':
        return row.openOverdue;
      case 'onSiteDays':
        return row.onSiteDays ?? null;
      default: {
        const unexpected: never = measure;
        throw new Error(`unknown measure ${String(unexpected)}`);
      }
    }
  };

/** Each group over the months (or quarters) of the year: one ranking read per period. */
export function TrendChart({ year }: { year: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [step, setStep] = useState<'month' | 'quarter'>('month');
  const [measure, setMeasure] = useState<Measure>('onTimeRate');
  const periods = useMemo(() => periodsOfYear(year, step), [year, step]);
  const state = useLoad(
    (signal) => Promise.all(periods.map((p) => getPerformance(p, signal).then((answer) => answer.rows))),
    [periods],
  );
  return (
    <section className="trend" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('groups.trend.title', { year })}</h2>
      <div className="inline-form">
        <div className="field field-inline">
          <label htmlFor="trend-step">{t('groups.trend.step')}</label>
          <select
            id="trend-step"
            value={step}
            onChange={(e) => setStep(e.target.value as 'month' | 'quarter')}
          >
            <option value="month">{t('period.kinds.month')}</option>
            <option value="quarter">{t('period.kinds.quarter')}</option>
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="trend-measure">{t('groups.trend.measure')}</label>
          <select id="trend-measure" value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`groups.trend.measures.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loaded state={state}>
        {(byPeriod) => (
          <Chart
            title={t('groups.trend.chart', { measure: t(`groups.trend.measures.${measure}`), year })}
            option={trendChart(periods, byPeriod, DISTRICTS, (d) => labels.district(d), valueOf(measure))}
            height={300}
          />
        )}
      </Loaded>
    </section>
  );
}
