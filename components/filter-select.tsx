import { useId, type ReactNode } from 'react';

// One labelled select of a filter bar: "any" first (the filter unset), then the options.
// The value is undefined when unset, so URL state can drop the parameter.

type FilterSelectProps<V extends string> = {
  label: string;
  anyLabel: string;
  value: V | undefined;
  options: readonly { value: V; label: string }[];
  onChange: (value: V | undefined) => void;
  testId: string;
};

export function FilterSelect<V extends string>({ label, anyLabel, value, options, onChange, testId }: FilterSelectProps<V>) {
  const id = useId();
  return (
    <div className="filter">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as V | undefined)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The values to offer: the known ones plus the current one (from a shared link), sorted. */
export function withCurrent(values: readonly string[], current: string | undefined): { value: string; label: string }[] {
  return [...new Set([...values, ...(current ? [current] : [])])].sort((a, b) => a.localeCompare(b)).map((v) => ({ value: v, label: v }));
}

/** An active filter that has no select (a key, a tag), with a button that removes it. */
export function FilterChip({ label, clearLabel, onClear, testId, children }: { label: string; clearLabel: string; onClear: () => void; testId: string; children: ReactNode }) {
  return (
    <p className="filter-chip" data-testid={testId}>
      {label}: {children}
      <button type="button" className="button button-small" onClick={onClear}>
        <span aria-hidden="true">✕</span>
        <span className="sr-only">{clearLabel}</span>
      </button>
    </p>
  );
}
