import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PerformanceRow } from '../../api/types';
import { useLabels } from '../../i18n/labels';
import { Chart } from './charts/Chart';
import {
  escalationsChart,
  onSiteChart,
  onTimeChart,
  overdueChart,
  scoreChart,
  timeToCloseChart,
} from './charts/group-charts';

/** The period's charts, in the ranking's order. */
export function GroupCharts({ rows }: { rows: PerformanceRow[] }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const charts = useMemo(() => {
    const district = (d: string) => labels.district(d);
    const measure = (m: string) => t(`measure.${m}`, { defaultValue: m });
    return [
      ...(rows.some((r) => r.scoreParts)
        ? [{ id: 'score', title: t('groups.chart.score'), option: scoreChart(rows, district, measure) }]
        : []),
      { id: 'onTime', title: t('groups.chart.onTime'), option: onTimeChart(t, rows, district) },
      {
        id: 'timeToClose',
        title: t('groups.chart.timeToClose'),
        option: timeToCloseChart(t, rows, district),
      },
      { id: 'overdue', title: t('groups.chart.overdue'), option: overdueChart(t, rows, district) },
      {
        id: 'escalations',
        title: t('groups.chart.escalations'),
        option: escalationsChart(t, rows, district),
      },
      ...(rows.some((r) => r.onSiteDays !== undefined)
        ? [{ id: 'onSite', title: t('groups.chart.onSite'), option: onSiteChart(t, rows, district) }]
        : []),
    ];
    // i18n.language: the charts are redrawn in the new language
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, t, i18n.language]);
  return (
    <div className="chart-grid">
      {charts.map((c) => (
        <Chart key={c.id} title={c.title} option={c.option} />
      ))}
    </div>
  );
}
