import { SecretReveal } from '@/components/secret-reveal';

type SettingsTokenRevealProps = {
  name: string;
  token: string;
  onDone: () => void;
};

/** The new ingest token, this once. */
export function SettingsTokenReveal({ name, token, onDone }: SettingsTokenRevealProps) {
  return (
    <SecretReveal
      title={
        <>
          Token <strong>{name}</strong> created
        </>
      }
      warning="Copy it now: it is shown only this once. Burnrate keeps only a hash of it, so if it is lost, revoke it and create another."
      label="Ingest token"
      value={token}
      help={
        <>
          Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/ingest/events</code> or <code>/api/ingest/otlp/v1/traces</code>.
        </>
      }
      onDone={onDone}
      testIdPrefix="token"
    />
  );
}
