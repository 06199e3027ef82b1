'use client';

import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesDataKey, seriesIndex, toChartRows } from '@/lib/client/chart-rows';
import { environmentColors } from '@/lib/client/environment-colors';
import { formatPointLabel, formatTimeTick, formatUnitTick, formatUnitValue } from '@/lib/client/format';
import type { Range, Unit, UsageSeries } from '@/lib/usage/overview-schemas';

// Recharts draws into SVG attributes, where CSS custom properties are unreliable: the theme's
// greys are repeated here.
const AXIS_COLOUR = '#5f6670';
const GRID_COLOUR = '#e4e7ec';
const TEXT_COLOUR = '#1a1d23';
// A fixed height, with `responsive` reading only the width: a parent without a height would
// otherwise make Recharts warn about a -1 size.
const CHART_HEIGHT = 320;

const RANGE_WORDS: Record<Range, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
  '90d': 'the last 90 days',
};

type UsageChartProps = {
  series: UsageSeries;
  /** True while another range or unit is loading and this one is still shown. */
  updating?: boolean;
};

export function UsageChart({ series, updating = false }: UsageChartProps) {
  const { range, unit, environments } = series;
  const rows = toChartRows(series);
  const colours = environmentColors(environments);
  const summary = `Stacked area chart of ${unitWord(unit)} per environment over ${RANGE_WORDS[range]}, in UTC.`;

  return (
    <div className="chart" data-testid="usage-chart" aria-busy={updating} data-updating={updating || undefined}>
      <p className="sr-only">{summary}</p>
      <AreaChart
        responsive
        data={rows}
        style={{ width: '100%', height: CHART_HEIGHT }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        title={summary}
      >
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis
          dataKey="t"
          tickFormatter={(t: string) => formatTimeTick(t, range)}
          minTickGap={28}
          tickLine={false}
          axisLine={{ stroke: GRID_COLOUR }}
          tick={{ fontSize: 12, fill: AXIS_COLOUR }}
        />
        <YAxis
          tickFormatter={(v: number) => formatUnitTick(v, unit)}
          width={64}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 12, fill: AXIS_COLOUR }}
        />
        <Tooltip
          isAnimationActive={false}
          // Top of the stack first, as the areas are drawn.
          itemSorter={(item) => -seriesIndex(item.dataKey)}
          formatter={(value) => formatUnitValue(Number(value), unit)}
          labelFormatter={(label, payload) => `${formatPointLabel(String(label), range)} · ${formatUnitValue(sumOf(payload), unit)} total`}
          contentStyle={{ fontSize: 12, borderColor: GRID_COLOUR, borderRadius: 6 }}
          // Series colours are too light for text; the legend carries them.
          itemStyle={{ color: TEXT_COLOUR, padding: 0 }}
        />
        <Legend iconType="square" iconSize={10} itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
        {environments.map((environment, i) => (
          <Area
            key={`${i}-${environment}`}
            type="linear"
            dataKey={seriesDataKey(i)}
            name={environment}
            stackId="usage"
            stroke={colours[i]}
            fill={colours[i]}
            fillOpacity={0.35}
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </div>
  );
}

function unitWord(unit: Unit): string {
  return unit === 'cost' ? 'cost in USD' : unit;
}

function sumOf(payload: ReadonlyArray<{ value?: unknown }>): number {
  return payload.reduce((total, entry) => total + (typeof entry.value === 'number' ? entry.value : 0), 0);
}
