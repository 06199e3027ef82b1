'use client';

import { Bar, CartesianGrid, Cell, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryRow } from '@/lib/client/budget-totals';
import { formatUsd, formatUsdTick } from '@/lib/client/format';

// Recharts draws into SVG attributes, where CSS custom properties are unreliable: the
// theme's colours are repeated here (see usage-chart.tsx).
const AXIS_COLOUR = '#5f6670';
const GRID_COLOUR = '#e4e7ec';
const ACTUAL_COLOUR = '#4e79a7';
const OVER_COLOUR = '#b42318';
const BUDGET_COLOUR = '#1a1d23';
// A fixed height, with `responsive` reading only the width (see usage-chart.tsx).
const CHART_HEIGHT = 150;

type BudgetHistoryChartProps = { rows: readonly HistoryRow[]; subject: string };

/** Spend per month against the budget: bars for spend (lighter for the month so far), a dashed line for the budget. */
export function BudgetHistoryChart({ rows, subject }: BudgetHistoryChartProps) {
  const summary = `Bar chart of monthly spend for ${subject} against its budget: ${rows
    .map((r) => `${r.label} ${formatUsd(r.actualUsd)} of ${formatUsd(r.budgetUsd)}${r.over ? ', over budget' : ''}`)
    .join('; ')}.`;

  return (
    <figure className="budget-history" data-testid="budget-history-chart">
      <figcaption className="budget-history-caption">Last {rows.length} months</figcaption>
      <p className="sr-only">{summary}</p>
      <ComposedChart responsive data={[...rows]} style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} title={summary}>
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis dataKey="tick" tickLine={false} axisLine={{ stroke: GRID_COLOUR }} tick={{ fontSize: 11, fill: AXIS_COLOUR }} interval={0} />
        <YAxis tickFormatter={(v: number) => formatUsdTick(v)} width={52} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: AXIS_COLOUR }} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(_, payload) => (payload[0]?.payload as HistoryRow | undefined)?.label ?? ''}
          formatter={(value, name) => [formatUsd(Number(value)), name]}
          contentStyle={{ fontSize: 12, borderColor: GRID_COLOUR, borderRadius: 6 }}
        />
        <Bar dataKey="actualUsd" name="Spend" maxBarSize={28} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.month} fill={r.over ? OVER_COLOUR : ACTUAL_COLOUR} fillOpacity={r.complete ? 0.85 : 0.4} stroke={r.over ? OVER_COLOUR : ACTUAL_COLOUR} strokeDasharray={r.complete ? undefined : '3 2'} />
          ))}
        </Bar>
        <Line dataKey="budgetUsd" name="Budget" type="step" stroke={BUDGET_COLOUR} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
      </ComposedChart>
      <ul className="chart-key" aria-hidden="true">
        <li>
          <span className="chart-swatch budget-swatch-spend" />
          Spend
        </li>
        <li>
          <span className="chart-swatch budget-swatch-over" />
          Over budget
        </li>
        <li>
          <span className="chart-swatch budget-swatch-partial" />
          This month so far
        </li>
        <li>
          <span className="chart-swatch chart-swatch-expected" />
          Budget
        </li>
      </ul>
    </figure>
  );
}
