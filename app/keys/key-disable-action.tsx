'use client';

import { useState } from 'react';
import { KeyDisableDialog } from '@/components/key-disable-dialog';
import { PROVIDER_LABELS } from '@/lib/client/key-labels';
import { useDisableKey } from '@/lib/client/use-keys';
import type { KeyDetail } from '@/lib/keys/key-schemas';
import './keys.css';

type KeyDisableActionProps = {
  apiKey: Pick<KeyDetail, 'id' | 'name' | 'provider' | 'status' | 'disabledBy' | 'disableBlockedReason'>;
  /** After the provider confirmed: pages that show the key elsewhere refresh it. */
  onDisabled?: () => void;
};

/**
 * Disabling a key at its provider, on the key's page and on its incidents: the button (or
 * why it cannot be used, or that it is done) and the typed-name confirmation.
 */
export function KeyDisableAction({ apiKey, onDisabled }: KeyDisableActionProps) {
  const [open, setOpen] = useState(false);
  const disable = useDisableKey(apiKey.id);
  const provider = PROVIDER_LABELS[apiKey.provider];
  return (
    <>
      <div className="key-disable" data-testid="key-disable">
        {apiKey.status === 'disabled' ? (
          <p className="action-done" data-testid="key-disabled-notice">
            <span aria-hidden="true">✓ </span>
            Disabled at {provider}
            {apiKey.disabledBy ? ` by ${apiKey.disabledBy}` : ''}. Requests made with it now fail.
          </p>
        ) : apiKey.disableBlockedReason ? (
          <p className="muted" data-testid="disable-blocked">
            {apiKey.disableBlockedReason}
          </p>
        ) : (
          <>
            <button
              type="button"
              className="button key-danger-button"
              onClick={() => {
                disable.reset();
                setOpen(true);
              }}
              data-testid="disable-button"
            >
              Disable key at {provider}
            </button>
            <p className="muted">For a leaked key: every request made with it fails from then on. You will be asked to type its name.</p>
          </>
        )}
      </div>
      <KeyDisableDialog
        open={open}
        keyName={apiKey.name}
        providerLabel={provider}
        pending={disable.isPending}
        error={disable.isError ? disable.error.message : null}
        onConfirm={(typed) =>
          disable.mutate(typed, {
            onSuccess: () => {
              setOpen(false);
              onDisabled?.();
            },
          })
        }
        onClose={() => setOpen(false)}
      />
    </>
  );
}
