import { describe, expect, it } from 'vitest';
import { budgetsCsv, csvFilename } from './budget-csv';

describe('budgetsCsv', () => {
  it('writes a header and one row per budget, forecast empty for past months', () => {
    const csv = budgetsCsv([
      { subject: 'prod-chat', scope: 'key', environment: 'production', budgetUsd: 500, spendUsd: 410.123, percent: 82.0246, forecastUsd: 730.364, timezone: 'Europe/Berlin' },
      { subject: 'staging', scope: 'environment', environment: 'staging', budgetUsd: 100, spendUsd: 0, percent: 0, forecastUsd: null, timezone: 'UTC' },
    ]);
    expect(csv).toBe(
      'subject,scope,environment,budget_usd,spend_usd,percent,forecast_usd,timezone\r\n' +
        'prod-chat,key,production,500.00,410.12,82.02,730.36,Europe/Berlin\r\n' +
        'staging,environment,staging,100.00,0.00,0.00,,UTC\r\n',
    );
  });

  it.each([
    ['chat, eu', '"chat, eu"'],
    ['the "big" one', '"the ""big"" one"'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['-1+2', "'-1+2"],
    ['@sum', "'@sum"],
  ])('quotes and defuses %j as %s', (subject, field) => {
    const line = budgetsCsv([{ subject, scope: 'key', environment: null, budgetUsd: 1, spendUsd: 0, percent: 0, forecastUsd: null, timezone: 'UTC' }]).split('\r\n')[1];
    expect(line?.startsWith(`${field},key,,`)).toBe(true);
  });

  it('names the file for the month', () => {
    expect(csvFilename('2026-11')).toBe('burnrate-budgets-2026-11.csv');
  });
});
