'use client';

import { Area, CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPointLabel, formatTimeTick, formatUnitTick, formatUnitValue } from '@/lib/client/format';
import { formatCostTick, timeTicks } from '@/lib/client/incident-chart-rows';
import { formatUsdPrecise } from '@/lib/client/incident-evidence-fields';
import { KIND_LABELS, SEVERITY_LABELS } from '@/lib/client/incident-labels';
import { hasBand, markerPoints, toKeyChartRows } from '@/lib/client/key-chart-rows';
import type { KeySeries } from '@/lib/keys/key-schemas';
import type { Range, Unit } from '@/lib/usage/overview-schemas';

// Recharts draws into SVG attributes, where CSS custom properties are unreliable: the
// theme's colours are repeated here (see usage-chart.tsx).
const AXIS_COLOUR = '#5f6670';
const GRID_COLOUR = '#e4e7ec';
const VALUE_COLOUR = '#4e79a7';
const BAND_COLOUR = '#8a94a6';
const EXPECTED_COLOUR = '#1a1d23';
const MARKER_COLOUR = '#b42318';
const CHART_HEIGHT = 300;
const DAY_MS = 86_400_000;

const RANGE_WORDS: Record<Range, string> = { '24h': 'the last 24 hours', '7d': 'the last 7 days', '30d': 'the last 30 days', '90d': 'the last 90 days' };

type KeyChartProps = {
  series: KeySeries;
  /** "the key", "production": who the usage is, for the chart's description. */
  subject: string;
  updating?: boolean;
  testId?: string;
};

/** Usage per step, the band the detector expects it in, and a marker per incident (each a link). */
export function KeyChart({ series, subject, updating = false, testId = 'key-chart' }: KeyChartProps) {
  const rows = toKeyChartRows(series);
  const markers = markerPoints(series);
  const band = hasBand(series);
  const step = series.stepSeconds * 1000;
  const first = rows[0]?.t ?? 0;
  const domain: [number, number] = [first, (rows.at(-1)?.t ?? first) + (step >= DAY_MS ? 0 : step)];
  const { ticks, intervalMs } = timeTicks(domain);
  const tickRange: Range = intervalMs >= DAY_MS ? '7d' : '24h';
  const per = step >= DAY_MS ? 'day' : 'hour';
  const unit = series.unit;
  const format = (v: number) => (unit === 'cost' ? formatUsdPrecise(v) : formatUnitValue(v, unit));
  const summary =
    `Chart of ${unitWords(unit)} per ${per} for ${subject} over ${RANGE_WORDS[series.range]}, in UTC.` +
    (band ? ` A grey band shows the usual range (expected ± 3 standard deviations, hours of the week in ${series.timezone}).` : '') +
    (markers.length > 0 ? ` ${markers.length} incident${markers.length === 1 ? '' : 's'} opened in this range, marked in red.` : '');

  return (
    <div className="chart key-chart" data-testid={testId} aria-busy={updating} data-updating={updating || undefined}>
      <p className="sr-only">{summary}</p>
      <ComposedChart responsive data={rows} style={{ width: '100%', height: CHART_HEIGHT }} margin={{ top: 16, right: 16, bottom: 0, left: 0 }} title={summary}>
        <CartesianGrid vertical={false} stroke={GRID_COLOUR} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain}
          ticks={ticks}
          tickFormatter={(t: number) => formatTimeTick(new Date(t).toISOString(), tickRange)}
          tickLine={false}
          axisLine={{ stroke: GRID_COLOUR }}
          tick={{ fontSize: 12, fill: AXIS_COLOUR }}
        />
        <YAxis
          tickFormatter={(v: number) => (unit === 'cost' ? formatCostTick(v) : formatUnitTick(v, unit))}
          width={64}
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 12, fill: AXIS_COLOUR }}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => formatPointLabel(new Date(Number(t)).toISOString(), step >= DAY_MS ? '30d' : '24h')}
          formatter={(value) => (Array.isArray(value) ? `${format(Number(value[0]))} – ${format(Number(value[1]))}` : format(Number(value)))}
          contentStyle={{ fontSize: 12, borderColor: GRID_COLOUR, borderRadius: 6 }}
        />
        {band ? <Area type="linear" dataKey="band" name="Usual range" stroke="none" fill={BAND_COLOUR} fillOpacity={0.22} isAnimationActive={false} activeDot={false} /> : null}
        <Area
          type="linear"
          dataKey="value"
          name={`${unitWords(unit)} per ${per}`}
          stroke={VALUE_COLOUR}
          fill={VALUE_COLOUR}
          fillOpacity={0.25}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
        {band ? (
          <Line type="linear" dataKey="expected" name="Expected" stroke={EXPECTED_COLOUR} strokeDasharray="5 4" strokeWidth={1.25} dot={false} activeDot={false} isAnimationActive={false} />
        ) : null}
        {markers.map((m) => (
          <ReferenceLine key={`line-${m.id}`} x={m.t} stroke={MARKER_COLOUR} strokeDasharray="3 3" strokeOpacity={0.7} ifOverflow="hidden" />
        ))}
        {markers.map((m) => (
          <ReferenceDot
            key={`dot-${m.id}`}
            x={m.t}
            y={m.value}
            ifOverflow="extendDomain"
            shape={(props) => (
              <a href={`/incidents/${m.id}`} data-testid="key-chart-marker">
                <title>{`${KIND_LABELS[m.kind]} (${SEVERITY_LABELS[m.severity]}), opened ${formatPointLabel(m.openedAt, '24h')}: open the incident`}</title>
                <circle cx={props.cx} cy={props.cy} r={6} fill={MARKER_COLOUR} stroke="#ffffff" strokeWidth={2} />
              </a>
            )}
          />
        ))}
      </ComposedChart>
      <ul className="chart-key" aria-label="Chart key">
        <li>
          <span className="chart-swatch chart-swatch-cost" aria-hidden="true" />
          {unitWords(unit)} per {per}
        </li>
        {band ? (
          <li>
            <span className="chart-swatch key-swatch-band" aria-hidden="true" />
            Usual range (expected ± 3 sd)
          </li>
        ) : null}
        {markers.length > 0 ? (
          <li>
            <span className="chart-swatch chart-swatch-window" aria-hidden="true" />
            Incident opened (select to open it)
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function unitWords(unit: Unit): string {
  return unit === 'cost' ? 'Cost' : unit === 'tokens' ? 'Tokens' : 'Requests';
}
