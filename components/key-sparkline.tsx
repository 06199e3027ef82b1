'use client';

import { Line, LineChart, YAxis } from 'recharts';

// Drawn into SVG attributes, where CSS custom properties are unreliable (see usage-chart.tsx).
const LINE_COLOUR = '#3451c7';
const WIDTH = 72;
const HEIGHT = 28;

type KeySparklineProps = {
  values: readonly number[];
  /** What the line shows, for screen readers: "Daily cost, last 14 days: …". */
  label: string;
};

/** A small line of daily cost; fixed size, so a table of them does not measure itself. */
export function KeySparkline({ values, label }: KeySparklineProps) {
  const data = values.map((v, i) => ({ i, v }));
  return (
    <span className="key-sparkline" role="img" aria-label={label} title={label}>
      <LineChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 3, right: 2, bottom: 3, left: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line type="monotone" dataKey="v" stroke={LINE_COLOUR} strokeWidth={1.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
