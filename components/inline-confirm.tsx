import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

type InlineConfirmProps = {
  id: string;
  /** The question, with what will happen. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onKeep: () => void;
  testId: string;
};

/** An inline "are you sure" for destructive actions. Opens on "keep" (the safe choice); Escape keeps. */
export function InlineConfirm({ id, children, confirmLabel, onConfirm, onKeep, testId }: InlineConfirmProps) {
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div className="inline-confirm" role="group" aria-labelledby={id} onKeyDown={(e) => e.key === 'Escape' && onKeep()} data-testid={testId}>
      <p id={id}>{children}</p>
      <button type="button" className="button button-danger" onClick={onConfirm} data-testid={`${testId}-button`}>
        {confirmLabel}
      </button>
      <button ref={keepRef} type="button" className="button" onClick={onKeep}>
        Keep it
      </button>
    </div>
  );
}
