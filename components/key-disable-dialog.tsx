'use client';

import { useEffect, useId, useRef, useState } from 'react';

type KeyDisableDialogProps = {
  open: boolean;
  keyName: string;
  providerLabel: string;
  pending: boolean;
  /** The provider's refusal or the server's message, shown in the dialog. */
  error: string | null;
  onConfirm: (typedName: string) => void;
  onClose: () => void;
};

/**
 * Asks for the key's name before disabling it: the confirm button stays disabled until the
 * name is typed exactly. A native modal dialog, so focus, Escape and the backdrop behave.
 */
export function KeyDisableDialog({ open, keyName, providerLabel, pending, error, onConfirm, onClose }: KeyDisableDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [typed, setTyped] = useState('');
  const matches = typed === keyName;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="key-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onClose={() => {
        setTyped('');
        onClose();
      }}
      data-testid="disable-dialog"
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches && !pending) onConfirm(typed);
        }}
      >
        <h2 id={`${id}-title`} className="panel-title">
          Disable “{keyName}” at {providerLabel}?
        </h2>
        <p id={`${id}-what`}>
          {providerLabel === 'OpenAI'
            ? 'OpenAI deletes the key: every request made with it fails from now on, and it cannot be turned back on.'
            : 'Anthropic marks the key inactive: every request made with it fails until someone re-activates it in the Anthropic console.'}
        </p>
        <label htmlFor={`${id}-name`} className="key-dialog-label">
          Type <strong>{keyName}</strong> to confirm
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          data-testid="disable-confirm-name"
        />
        <div aria-live="polite">
          {error ? (
            <p className="action-error" role="alert" data-testid="disable-error">
              <strong>Not disabled.</strong> {error}
            </p>
          ) : null}
        </div>
        <div className="key-dialog-buttons">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="button key-danger-button" disabled={!matches || pending} data-testid="disable-confirm">
            {pending ? 'Disabling…' : `Disable at ${providerLabel}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}
