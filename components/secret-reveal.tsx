import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

type SecretRevealProps = {
  /** "Token litellm-prod created". */
  title: ReactNode;
  /** Why it is shown only now, and what to do if it is lost. */
  warning: ReactNode;
  /** The field's accessible name: "Ingest token". */
  label: string;
  value: string;
  /** Where the secret goes next, after the copy status. */
  help: ReactNode;
  onDone: () => void;
  /** `token` gives token-reveal, token-value, token-copy, token-reveal-done, … */
  testIdPrefix: string;
};

/** A secret shown this once: selected, a copy button, and the warning that it cannot be shown again. */
export function SecretReveal({ title, warning, label, value, help, onDone, testIdPrefix: t }: SecretRevealProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => inputRef.current?.select(), []);

  const copy = () => {
    // The clipboard needs a secure context and permission; when it is refused the value is selected for Ctrl-C instead.
    const write = navigator.clipboard?.writeText(value);
    if (!write) return fail();
    write.then(() => setCopied('yes'), fail);
  };
  const fail = () => {
    setCopied('failed');
    inputRef.current?.select();
  };

  return (
    <div className="token-reveal" role="group" aria-labelledby={`${id}-title`} data-testid={`${t}-reveal`}>
      <p id={`${id}-title`} className="token-reveal-title">
        {title}
      </p>
      <p className="token-reveal-warning" data-testid={`${t}-reveal-warning`}>
        <span aria-hidden="true">⚠ </span>
        {warning}
      </p>
      <div className="token-reveal-row">
        <label className="sr-only" htmlFor={`${id}-value`}>
          {label}
        </label>
        <input ref={inputRef} id={`${id}-value`} className="input token-value" value={value} readOnly spellCheck={false} onFocus={(e) => e.target.select()} data-testid={`${t}-value`} />
        <button type="button" className="button button-primary" onClick={copy} data-testid={`${t}-copy`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="field-help" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard. ' : copied === 'failed' ? `The browser did not allow copying; the ${label.toLowerCase()} is selected, press Ctrl-C (⌘-C). ` : ''}
        {help}
      </p>
      <div className="route-form-buttons">
        <button type="button" className="button" onClick={onDone} data-testid={`${t}-reveal-done`}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
