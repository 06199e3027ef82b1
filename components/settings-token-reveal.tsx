import { useEffect, useId, useRef, useState } from 'react';

type SettingsTokenRevealProps = {
  name: string;
  token: string;
  onDone: () => void;
};

/** The new token, this once: a copy button and the warning that it cannot be shown again. */
export function SettingsTokenReveal({ name, token, onDone }: SettingsTokenRevealProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => inputRef.current?.select(), []);

  const copy = () => {
    // The clipboard needs a secure context and permission; when it is refused the token is selected for Ctrl-C instead.
    const write = navigator.clipboard?.writeText(token);
    if (!write) return fail();
    write.then(() => setCopied('yes'), fail);
  };
  const fail = () => {
    setCopied('failed');
    inputRef.current?.select();
  };

  return (
    <div className="token-reveal" role="group" aria-labelledby={`${id}-title`} data-testid="token-reveal">
      <p id={`${id}-title`} className="token-reveal-title">
        Token <strong>{name}</strong> created
      </p>
      <p className="token-reveal-warning" data-testid="token-reveal-warning">
        <span aria-hidden="true">⚠ </span>
        Copy it now: it is shown only this once. Burnrate keeps only a hash of it, so if it is lost, revoke it and create another.
      </p>
      <div className="token-reveal-row">
        <label className="sr-only" htmlFor={`${id}-token`}>
          Ingest token
        </label>
        <input ref={inputRef} id={`${id}-token`} className="input token-value" value={token} readOnly spellCheck={false} onFocus={(e) => e.target.select()} data-testid="token-value" />
        <button type="button" className="button button-primary" onClick={copy} data-testid="token-copy">
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="field-help" aria-live="polite">
        {copied === 'yes' ? 'Copied to the clipboard. ' : copied === 'failed' ? 'The browser did not allow copying; the token is selected, press Ctrl-C (⌘-C). ' : ''}
        Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/ingest/events</code> or <code>/api/ingest/otlp/v1/traces</code>.
      </p>
      <div className="route-form-buttons">
        <button type="button" className="button" onClick={onDone} data-testid="token-reveal-done">
          I have copied it
        </button>
      </div>
    </div>
  );
}
