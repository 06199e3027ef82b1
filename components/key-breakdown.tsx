'use client';

import { Bar, BarChart, XAxis, YAxis } from 'recharts';
import { formatCompactNumber, formatInteger, formatPercent } from '@/lib/client/format';
import { formatUsdPrecise } from '@/lib/client/incident-evidence-fields';
import type { BreakdownRow } from '@/lib/keys/key-schemas';

// Drawn into SVG attributes, where CSS custom properties are unreliable (see usage-chart.tsx).
const BAR_COLOUR = '#4e79a7';
const AXIS_COLOUR = '#5f6670';
const BAR_ROWS = 6;

type KeyBreakdownProps = {
  title: string;
  nameLabel: string;
  rows: readonly BreakdownRow[];
  /** Shown for an empty table: why there is nothing. */
  emptyText: string;
  /** "" is an unknown name (an unknown caller region). */
  unknownLabel?: string;
  testId: string;
};

/** Cost, requests and tokens per model or region, the largest first, with a small bar chart of the top few. */
export function KeyBreakdown({ title, nameLabel, rows, emptyText, unknownLabel = 'Unknown', testId }: KeyBreakdownProps) {
  const name = (n: string) => (n === '' ? unknownLabel : n);
  const bars = rows.slice(0, BAR_ROWS).map((r) => ({ name: name(r.name), cost: r.costUsd }));
  return (
    <div className="key-breakdown" data-testid={testId}>
      <h3 className="evidence-heading">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <>
          <div className="key-breakdown-bars" role="img" aria-label={`${title}: cost of the top ${bars.length}, shown in the table below`}>
            <BarChart responsive layout="vertical" data={bars} style={{ width: '100%', height: 28 * bars.length + 8 }} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
              <XAxis type="number" hide />
              <YAxis type="category" dataKey="name" width={200} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: AXIS_COLOUR }} />
              <Bar dataKey="cost" fill={BAR_COLOUR} barSize={14} isAnimationActive={false} />
            </BarChart>
          </div>
          <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
            <table className="table evidence-table">
              <thead>
                <tr>
                  <th scope="col">{nameLabel}</th>
                  <th scope="col" className="numeric">
                    Cost
                  </th>
                  <th scope="col" className="numeric">
                    Share
                  </th>
                  <th scope="col" className="numeric">
                    Requests
                  </th>
                  <th scope="col" className="numeric">
                    Tokens
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name} data-testid={`${testId}-row`}>
                    <th scope="row">{r.name === '' ? <span className="muted">{unknownLabel}</span> : r.name}</th>
                    <td className="numeric">{formatUsdPrecise(r.costUsd)}</td>
                    <td className="numeric">{formatPercent(r.share)}</td>
                    <td className="numeric">{formatInteger(r.requests)}</td>
                    <td className="numeric" title={formatInteger(r.tokens)}>
                      {formatCompactNumber(r.tokens)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
