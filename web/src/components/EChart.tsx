import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The office's palette: the theme's blue first, then colours that stay apart when printed grey. */
const COLORS = ['#1d4ed8', '#d97706', '#059669', '#b91c1c', '#7c3aed', '#0891b2', '#64748b'];

/**
 * One ECharts chart (only the bar, line and pie charts the product uses are bundled), in Chinese,
 * resized with its container. ECharts' aria component writes a Chinese description of the data
 * into the container's aria-label, for screen readers and for the browser tests.
 */
export function EChart({
  option,
  height = 300,
  label,
}: {
  option: ChartOption;
  height?: number;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, null, { locale: 'ZH', renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        color: COLORS,
        textStyle: { fontFamily: 'inherit' },
        aria: { enabled: true, label: { description: undefined } },
        animationDuration: 300,
        ...option,
      },
      { notMerge: true },
    );
  }, [option]);

  return <div ref={ref} role="img" data-chart={label} style={{ width: '100%', height }} />;
}
