type Option<T extends string> = { value: T; label: string; description?: string };

type SegmentedControlProps<T extends string> = {
  /** Accessible name of the group: "Time range". */
  label: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  testId?: string;
};

/** A row of toggle buttons; the pressed one is the current value. */
export function SegmentedControl<T extends string>({ label, options, value, onChange, testId }: SegmentedControlProps<T>) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="segmented-option"
          aria-pressed={option.value === value}
          title={option.description}
          onClick={() => {
            if (option.value !== value) onChange(option.value);
          }}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
