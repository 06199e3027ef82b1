'use client';

import { Area, CartesianGrid, ComposedChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCostTick, stepWord, timeTicks, toIncidentChart } from '@/lib/client/incident-chart-rows';
import { formatUsdPrecise } from '@/lib/client/incident-evidence-fields';
import { formatPointLabel, formatTimeTick } from '@/lib/client/format';
import type { IncidentSeries } from '@/lib/incidents/incident-schemas';

// Recharts draws into SVG attributes, where CSS custom properties are unreliable: the
// theme's colours are repeated here (see usage-chart.tsx).
const AXIS_COLOUR = '#5f6670';
const GRID_COLOUR = '#e4e7ec';
const COST_COLOUR = '#4e79a7';
const EXPECTED_COLOUR = '#1a1d23';
const WINDOW_COLOUR = '#b42318';
const CHART_HEIGHT = 280;
const DAY_MS = 86_400_000;

type IncidentChartProps = {
  series: IncidentSeries;
  incident: { openedAt: string; lastSeenAt: string };
};

/** The key's cost per step around the incident, the level the detector expected, and the incident's window shaded. */
export function IncidentChart({ series, incident }: IncidentChartProps) {
  const chart = toIncidentChart(series, incident);
  const { ticks, intervalMs } = timeTicks(chart.domain);
  const step = stepWord(series.stepSeconds);
  const iso = (t: number) => new Date(t).toISOString();
  const summary =
    `Area chart of cost per ${step} in USD from ${formatPointLabel(iso(chart.domain[0]), '24h')} to ${formatPointLabel(iso(chart.domain[1]), '24h')}.` +
    (chart.window ? ` The incident is shaded from ${formatPointLabel(iso(chart.window.x1), '24h')} to ${formatPointLabel(iso(chart.window.x2), '24h')}.` : '') +
    (chart.expectedUsd !== null ? ` Expected cost: ${formatUsdPrecise(chart.expectedUsd)} per ${step}.` : '');

  return (
    <div className="chart incident-chart" data-testid="incident-chart">
      <p className="sr-only">{summary}</p>
      <ComposedChart
        responsive
        data={chart.rows}
        style={{ width: '100%', height: CHART_HEIGHT }}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
        title={summary}
      >
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={chart.domain}
          ticks={ticks}
          tickFormatter={(t: number) => formatTimeTick(iso(t), intervalMs >= DAY_MS ? '7d' : '24h')}
          tickLine={false}
          axisLine={{ stroke: GRID_COLOUR }}
          tick={{ fontSize: 12, fill: AXIS_COLOUR }}
        />
        <YAxis tickFormatter={(v: number) => formatCostTick(v)} width={64} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: AXIS_COLOUR }} />
        {chart.window ? (
          <ReferenceArea
            x1={chart.window.x1}
            x2={chart.window.x2}
            fill={WINDOW_COLOUR}
            fillOpacity={0.08}
            stroke={WINDOW_COLOUR}
            strokeOpacity={0.35}
            ifOverflow="hidden"
            label={{ value: 'Incident', position: 'insideTopLeft', fontSize: 12, fill: WINDOW_COLOUR }}
          />
        ) : null}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => formatPointLabel(iso(Number(t)), '24h')}
          formatter={(value) => formatUsdPrecise(Number(value))}
          contentStyle={{ fontSize: 12, borderColor: GRID_COLOUR, borderRadius: 6 }}
        />
        <Area
          type="linear"
          dataKey="costUsd"
          name={`Cost per ${step}`}
          stroke={COST_COLOUR}
          fill={COST_COLOUR}
          fillOpacity={0.3}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        {chart.expectedUsd !== null ? (
          <ReferenceLine
            y={chart.expectedUsd}
            stroke={EXPECTED_COLOUR}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            ifOverflow="extendDomain"
            label={{ value: `Expected ${formatUsdPrecise(chart.expectedUsd)}`, position: 'insideTopRight', fontSize: 12, fill: EXPECTED_COLOUR }}
          />
        ) : null}
      </ComposedChart>
      <ul className="chart-key" aria-label="Chart key">
        <li>
          <span className="chart-swatch chart-swatch-cost" aria-hidden="true" />
          Cost per {step}
        </li>
        {chart.expectedUsd !== null ? (
          <li>
            <span className="chart-swatch chart-swatch-expected" aria-hidden="true" />
            Expected ({formatUsdPrecise(chart.expectedUsd)} per {step})
          </li>
        ) : null}
        {chart.window ? (
          <li>
            <span className="chart-swatch chart-swatch-window" aria-hidden="true" />
            Incident, opening to last finding
          </li>
        ) : null}
      </ul>
    </div>
  );
}
