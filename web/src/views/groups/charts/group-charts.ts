import type { TFunction } from 'i18next';
import type { PerformanceRow } from '../../../api/types';
import type { ChartOption } from './Chart';

/** The option builders of the group charts; each reads only the ranking rows. */
type Label = (value: string) => string;

const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
const legend = { top: 0, type: 'plain' as const };

const bars = (
  rows: PerformanceRow[],
  district: Label,
  name: string,
  values: Array<number | null>,
  unit = '',
): ChartOption => ({
  grid,
  tooltip: {
    trigger: 'axis',
    valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}${unit}`),
  },
  xAxis: { type: 'category', data: rows.map((r) => district(r.district)), axisLabel: { interval: 0 } },
  yAxis: { type: 'value' },
  series: [
    {
      type: 'bar',
      name,
      data: values,
      label: {
        show: true,
        position: 'top',
        formatter: (p) => (typeof p.value === 'number' ? `${p.value}${unit}` : '—'),
      },
    },
  ],
});

export const onTimeChart = (t: TFunction, rows: PerformanceRow[], district: Label) =>
  bars(
    rows,
    district,
    t('groups.chart.onTime'),
    rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
    '%',
  );

export const timeToCloseChart = (t: TFunction, rows: PerformanceRow[], district: Label) =>
  bars(
    rows,
    district,
    t('groups.chart.timeToClose'),
    rows.map((r) =>
      r.medianHoursToClose === null ? null : Math.round((r.medianHoursToClose / 24) * 10) / 10,
    ),
    t('groups.unit.days'),
  );

export const overdueChart = (t: TFunction, rows: PerformanceRow[], district: Label) =>
  bars(
    rows,
    district,
    t('groups.chart.overdue'),
    rows.map((r) => r.openOverdue),
  );

export const escalationsChart = (t: TFunction, rows: PerformanceRow[], district: Label): ChartOption => ({
  grid,
  legend,
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'category', data: rows.map((r) => district(r.district)), axisLabel: { interval: 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: ([1, 2, 3] as const).map((level) => ({
    type: 'bar' as const,
    stack: 'level',
    name: t(`level.${level}`),
    data: rows.map((r) => r.escalations[`level${level}`]),
  })),
});

/** On-site days against the target (2.5 days a week, pro rata), the target drawn as a line. */
export const onSiteChart = (t: TFunction, rows: PerformanceRow[], district: Label): ChartOption => {
  const target = rows.find((r) => r.onSiteTarget !== undefined)?.onSiteTarget;
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => district(r.district)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: t('groups.chart.onSiteDays'),
        data: rows.map((r) => r.onSiteDays ?? null),
        label: { show: true, position: 'top' },
        markLine:
          target === undefined
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 2 },
                label: { formatter: t('groups.chart.target', { days: target }) },
                data: [{ yAxis: target, name: t('groups.chart.targetName') }],
              },
      },
    ],
  };
};

/** The score by measure, stacked: how each group earned its points. */
export const scoreChart = (rows: PerformanceRow[], district: Label, measure: Label): ChartOption => {
  const measures = Array.from(new Set(rows.flatMap((r) => Object.keys(r.scoreParts ?? {}))));
  return {
    grid,
    legend: { ...legend, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => district(r.district)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', max: 100 },
    series: measures.map((m) => ({
      type: 'bar' as const,
      stack: 'score',
      name: measure(m),
      data: rows.map((r) => r.scoreParts?.[m] ?? 0),
    })),
  };
};

/** Each group's measure over the periods of a year (one line per group, each with its own symbol). */
export const trendChart = (
  periods: string[],
  byPeriod: Array<PerformanceRow[]>,
  districts: readonly string[],
  district: Label,
  value: (row: PerformanceRow) => number | null,
): ChartOption => {
  const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
  return {
    grid: { ...grid, top: 48 },
    legend: { ...legend, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value' },
    series: districts.map((d, i) => ({
      type: 'line' as const,
      name: district(d),
      symbol: symbols[i % symbols.length],
      symbolSize: 8,
      connectNulls: false,
      data: byPeriod.map((rows) => {
        const row = rows.find((r) => r.district === d);
        return row ? value(row) : null;
      }),
    })),
  };
};
