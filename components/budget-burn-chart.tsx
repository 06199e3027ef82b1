'use client';

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState } from '@/components/state-views';
import { burnChart, type BurnRow } from '@/lib/client/budget-burn-rows';
import { monthName } from '@/lib/client/budget-labels';
import { formatUsd, formatUsdTick } from '@/lib/client/format';
import type { BudgetView } from '@/lib/budgets/budget-schemas';

// Recharts draws into SVG attributes, where CSS custom properties are unreliable: the
// theme's colours are repeated here (see usage-chart.tsx).
const AXIS_COLOUR = '#5f6670';
const GRID_COLOUR = '#e4e7ec';
const SPEND_COLOUR = '#4e79a7';
const BUDGET_COLOUR = '#1a1d23';
const CROSSING_COLOUR = '#b42318';
// A fixed height, with `responsive` reading only the width (see usage-chart.tsx).
const CHART_HEIGHT = 170;

/** The month so far and where it is heading: cumulative spend, the forecast to month end (dashed), the budget, and the day they cross. */
export function BudgetBurnChart({ budget }: { budget: BudgetView }) {
  const chart = burnChart(budget);
  if (chart.empty) {
    return (
      <figure className="budget-burn" data-testid="budget-burn-empty">
        <figcaption className="budget-chart-caption">{monthName(budget.period)} day by day</figcaption>
        <EmptyState title="Nothing spent this month yet." />
      </figure>
    );
  }
  return (
    <figure className="budget-burn" data-testid="budget-burn-chart" data-crossing={chart.crossingDate ?? ''}>
      <figcaption className="budget-chart-caption">{monthName(budget.period)} day by day</figcaption>
      <p className="sr-only" data-testid="budget-burn-summary">
        {chart.summary}
      </p>
      <ComposedChart responsive data={chart.rows} style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 18, right: 12, bottom: 0, left: 0 }} title={chart.summary}>
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis dataKey="date" tickFormatter={(date: string) => String(Number(date.slice(8)))} tickLine={false} axisLine={{ stroke: GRID_COLOUR }} tick={{ fontSize: 11, fill: AXIS_COLOUR }} minTickGap={8} />
        <YAxis tickFormatter={(v: number) => formatUsdTick(v)} width={52} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: AXIS_COLOUR }} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(_, payload) => (payload[0]?.payload as BurnRow | undefined)?.label ?? ''}
          formatter={(value, name) => [formatUsd(Number(value)), name]}
          contentStyle={{ fontSize: 12, borderColor: GRID_COLOUR, borderRadius: 6 }}
        />
        <Area dataKey="actualUsd" name="Spent so far" type="linear" stroke={SPEND_COLOUR} fill={SPEND_COLOUR} fillOpacity={0.25} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        <Line dataKey="forecastUsd" name="Forecast" type="linear" stroke={SPEND_COLOUR} strokeWidth={1.5} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        <Line dataKey="budgetUsd" name="Budget" type="linear" stroke={BUDGET_COLOUR} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        {chart.crossingDate ? (
          <ReferenceLine
            x={chart.crossingDate}
            stroke={CROSSING_COLOUR}
            strokeWidth={1.5}
            strokeDasharray="2 2"
            label={{ value: `crosses ${chart.crossingLabel ?? ''}`, position: 'top', fontSize: 11, fill: CROSSING_COLOUR }}
          />
        ) : null}
      </ComposedChart>
      <ul className="chart-key" aria-hidden="true">
        <li>
          <span className="chart-swatch chart-swatch-cost" />
          Spent so far
        </li>
        <li>
          <span className="chart-swatch budget-swatch-forecast" />
          Forecast
        </li>
        <li>
          <span className="chart-swatch budget-swatch-budget" />
          Budget
        </li>
        {chart.crossingDate ? (
          <li>
            <span className="chart-swatch budget-swatch-crossing" />
            Crosses the budget
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
