// Budgets of one month as CSV, for finance. RFC 4180: comma separated, CRLF line ends,
// fields with a comma, quote or line break quoted. Key names come from providers and
// people, so a name a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed
// with a quote (OWASP's CSV injection advice).

export const CSV_COLUMNS = ['subject', 'scope', 'environment', 'budget_usd', 'spend_usd', 'percent', 'forecast_usd', 'timezone'] as const;

export interface BudgetCsvRow {
  subject: string;
  scope: 'key' | 'environment';
  environment: string | null;
  budgetUsd: number;
  spendUsd: number;
  percent: number;
  /** Only for the current month; empty otherwise. */
  forecastUsd: number | null;
  timezone: string;
}

export function budgetsCsv(rows: readonly BudgetCsvRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [text(r.subject), r.scope, text(r.environment ?? ''), money(r.budgetUsd), money(r.spendUsd), r.percent.toFixed(2), r.forecastUsd === null ? '' : money(r.forecastUsd), text(r.timezone)].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvFilename(month: string): string {
  return `burnrate-budgets-${month}.csv`;
}

const money = (usd: number) => usd.toFixed(2);

function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
