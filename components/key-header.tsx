import Link from 'next/link';
import { keyStatusLabel, PROVIDER_LABELS } from '@/lib/client/key-labels';
import type { KeyDetail } from '@/lib/keys/key-schemas';

type KeyHeaderProps = { apiKey: KeyDetail };

/** Who the key is: name, the provider's redacted hint, where it lives, who owns it, its state. */
export function KeyHeader({ apiKey }: KeyHeaderProps) {
  return (
    <header className="key-header">
      <h1 className="page-title" data-testid="key-title">
        {apiKey.name}
        {apiKey.redactedHint ? <code className="hint key-header-hint">{apiKey.redactedHint}</code> : null}
      </h1>
      <dl className="incident-meta">
        <div>
          <dt>Status</dt>
          <dd>
            <span className="key-status" data-status={apiKey.status} data-testid="key-status">
              {keyStatusLabel(apiKey.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Provider</dt>
          <dd>{PROVIDER_LABELS[apiKey.provider]}</dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>
            <Link href={`/environments/${encodeURIComponent(apiKey.environment)}`} className="tag">
              {apiKey.environment}
            </Link>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{apiKey.owner ?? <span className="muted">no owner</span>}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>
            {apiKey.tags.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="key-tags">
                {apiKey.tags.map((tag) => (
                  <li key={tag}>
                    <Link href={`/keys?tag=${encodeURIComponent(tag)}`} className="tag">
                      {tag}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}
