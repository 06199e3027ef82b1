import { describe, expect, it } from 'vitest';
import { PERCENTILES, parseTraceCsv, quantile, renderTokenSizes, summarise } from './derive-token-sizes';

const HEADER = 'TIMESTAMP,ContextTokens,GeneratedTokens';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `2023-11-16 18:17:03.97,${i + 1},${2 * (i + 1)}`);

describe('parseTraceCsv', () => {
  it('reads both columns, tolerating a BOM, CRLF and a trailing newline', () => {
    const parsed = parseTraceCsv(`\uFEFF${[HEADER, ...rows(100)].join('\r\n')}\r\n`, 'f.csv');
    expect(parsed.context.length).toBe(100);
    expect(parsed.generated[99]).toBe(200);
  });

  it.each([
    { name: 'wrong header', text: ['a,b,c', ...rows(100)].join('\n'), error: /f\.csv: expected header/ },
    { name: 'missing field', text: [HEADER, ...rows(5), 'x,1'].join('\n'), error: /f\.csv: line 7: expected/ },
    { name: 'non-integer', text: [HEADER, 'x,1.5,2'].join('\n'), error: /line 2/ },
    { name: 'negative', text: [HEADER, 'x,-1,2'].join('\n'), error: /line 2/ },
    { name: 'too few rows', text: [HEADER, ...rows(3)].join('\n'), error: /only 3 data rows/ },
  ])('rejects $name with a one-line message', ({ text, error }) => {
    expect(() => parseTraceCsv(text, 'f.csv')).toThrow(error);
  });
});

describe('quantile', () => {
  it.each([
    { p: 0, expected: 1 },
    { p: 50, expected: 2.5 },
    { p: 100, expected: 4 },
    { p: 25, expected: 1.75 },
  ])('p$p of 1..4 is $expected', ({ p, expected }) => {
    expect(quantile([1, 2, 3, 4], p)).toBeCloseTo(expected, 10);
  });
});

describe('renderTokenSizes', () => {
  it('emits one point per percentile and the attribution', () => {
    const trace = parseTraceCsv([HEADER, ...rows(200)].join('\n'), 'f.csv');
    expect(summarise(trace.context).points).toHaveLength(PERCENTILES.length);
    const text = renderTokenSizes({ code: trace, conv: trace });
    expect(text).toContain('CC-BY-4.0');
    expect(text).toContain('github.com/Azure/AzurePublicDataset');
    expect(text).toContain('npx tsx scripts/derive-token-sizes.ts');
    expect(text).toContain('requests: 200,');
  });
});
