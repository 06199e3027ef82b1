import type { ReactNode } from 'react';

type SettingsTableProps = {
  /** Column headings; a last, unnamed column holds each row's actions. */
  columns: readonly string[];
  testId: string;
  children: ReactNode;
};

/** A settings list as a table that scrolls sideways on narrow screens. */
export function SettingsTable({ columns, testId, children }: SettingsTableProps) {
  return (
    <div className="table-scroll">
      <table className="table token-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
