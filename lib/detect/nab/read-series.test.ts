import { describe, expect, it } from 'vitest';
import { parseNabTimestamp, readSeries, readWindows } from './read-series';

const T0 = Date.UTC(2014, 3, 10, 7, 15, 0);

describe('parseNabTimestamp', () => {
  it.each([
    ['2014-04-10 07:15:00', T0],
    ['2014-04-10 07:15:00.000000', T0],
    ['2014-04-10T07:15:00Z', T0],
    ['2014-04-10 07:15', T0],
    ['2014-04-10 07:15:00.5', T0 + 500],
    [' 2014-04-10 07:15:00 ', T0],
    ['2014-02-30 00:00:00', Number.NaN],
    ['2014-04-10 24:00:00', Number.NaN],
    ['2014-04-10 07:15:61', Number.NaN],
    ['10/04/2014 07:15', Number.NaN],
    ['', Number.NaN],
  ])('%j -> %d', (text, expected) => {
    expect(parseNabTimestamp(text)).toBe(expected);
  });
});

describe('readSeries', () => {
  const expected = { timestamps: ['2014-04-10 07:15:00', '2014-04-10 07:20:00'], values: [1.5, -2] };
  it.each([
    ['LF with final newline', 'timestamp,value\n2014-04-10 07:15:00,1.5\n2014-04-10 07:20:00,-2\n'],
    ['CRLF', 'timestamp,value\r\n2014-04-10 07:15:00,1.5\r\n2014-04-10 07:20:00,-2\r\n'],
    ['no final newline', 'timestamp,value\n2014-04-10 07:15:00,1.5\n2014-04-10 07:20:00,-2'],
    ['BOM, blank lines, spaces', '\uFEFFtimestamp, value\n\n2014-04-10 07:15:00, 1.5\n\n2014-04-10 07:20:00 ,-2\n\n'],
    ['extra and reordered columns', 'value,label,timestamp\n1.5,0,2014-04-10 07:15:00\n-2,1,2014-04-10 07:20:00\n'],
    ['label-style timestamps', 'timestamp,value\n2014-04-10 07:15:00,1.5\n2014-04-10 07:20:00.000000,-2\n'],
  ])('reads %s', (_case, text) => {
    const series = readSeries(text);
    expect(series.timestamps.map((t) => t.slice(0, 19))).toEqual(expected.timestamps);
    expect([...series.values]).toEqual(expected.values);
    expect([...series.timestampMs]).toEqual([T0, T0 + 300_000]);
  });

  it.each([
    ['empty file', '', /empty file/],
    ['no header', '2014-04-10 07:15:00,1\n', /must name the columns/],
    ['bad timestamp', 'timestamp,value\nyesterday,1\n', /a\.csv:2: timestamp `yesterday`/],
    ['bad value', 'timestamp,value\n2014-04-10 07:15:00,1\n2014-04-10 07:20:00,n/a\n', /a\.csv:3: value `n\/a` is not a finite number/],
    ['missing value', 'timestamp,value\n2014-04-10 07:15:00\n', /a\.csv:2: value ``/],
    ['out of order', 'timestamp,value\n2014-04-10 07:20:00,1\n2014-04-10 07:15:00,1\n', /a\.csv:3: .* earlier than the row before/],
  ])('rejects %s with a message naming the line', (_case, text, message) => {
    expect(() => readSeries(text, 'a.csv')).toThrow(message);
  });
});

describe('readWindows', () => {
  it('reads windows with .000000 timestamps and files without windows', () => {
    const windows = readWindows({
      'cat/a.csv': [['2014-04-10 07:15:00.000000', '2014-04-11 07:15:00.000000']],
      'cat/b.csv': [],
    });
    expect(windows).toEqual({ 'cat/a.csv': [{ startMs: T0, endMs: T0 + 86_400_000 }], 'cat/b.csv': [] });
  });

  it.each([
    ['not an object', [1, 2]],
    ['a window with one timestamp', { 'a.csv': [['2014-04-10 07:15:00']] }],
    ['an unreadable timestamp', { 'a.csv': [['soon', '2014-04-10 07:15:00']] }],
    ['an end before its start', { 'a.csv': [['2014-04-11 07:15:00', '2014-04-10 07:15:00']] }],
  ])('rejects %s', (_case, json) => {
    expect(() => readWindows(json)).toThrow(/combined_windows\.json/);
  });
});
