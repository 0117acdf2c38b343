import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerCharts, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the group charts draw goes into the bundle (bars, lines, a target line, SVG).
registerCharts([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | AriaComponentOption
>;

/**
 * One chart in a figure with a visible caption. The chart itself is an image to assistive
 * technology (its numbers are in the ranking table beside it), and series carry decal
 * patterns, so colour is never the only way to tell them apart.
 */
export function Chart({
  title,
  option,
  height = 260,
}: {
  title: string;
  option: ChartOption;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: true, decal: { show: true }, label: { enabled: false } },
        textStyle: { fontFamily: 'inherit' },
        ...option,
      },
      true,
    );
  }, [option]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} className="chart-canvas" role="img" aria-label={title} style={{ height }} />
    </figure>
  );
}
