import { IncidentTime } from '@/components/incident-time';
import { formatUsd } from '@/lib/client/format';
import { formatBudgetShare } from '@/lib/client/key-labels';
import type { KeyDetail } from '@/lib/keys/key-schemas';

type KeyMetadataProps = { apiKey: KeyDetail; now: Date };

/** Everything Burnrate knows about the key, none of it secret. */
export function KeyMetadata({ apiKey, now }: KeyMetadataProps) {
  const time = (iso: string | null) => (iso ? <IncidentTime iso={iso} now={now} layout="stacked" /> : <span className="muted">—</span>);
  return (
    <dl className="key-metadata" data-testid="key-metadata">
      <div>
        <dt>Spend this month (UTC)</dt>
        <dd data-testid="key-mtd">{formatUsd(apiKey.monthToDateUsd)}</dd>
      </div>
      <div>
        <dt>Monthly budget</dt>
        <dd>
          {apiKey.budgetUsd === null ? (
            <span className="muted">none</span>
          ) : (
            <>
              {formatUsd(apiKey.budgetUsd)}
              {apiKey.budgetPercent !== null ? <span className="muted"> · {formatBudgetShare(apiKey.budgetPercent)} used</span> : null}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Provider key id</dt>
        <dd>
          <code>{apiKey.providerKeyId}</code>
        </dd>
      </div>
      <div>
        <dt>{apiKey.provider === 'openai' ? 'Project' : 'Workspace'}</dt>
        <dd>{apiKey.projectName ?? apiKey.projectId ?? <span className="muted">—</span>}</dd>
      </div>
      <div>
        <dt>Connection</dt>
        <dd>{apiKey.connectionName ?? <span className="muted">none: seen only through ingested events</span>}</dd>
      </div>
      <div>
        <dt>Created at the provider</dt>
        <dd>{time(apiKey.providerCreatedAt)}</dd>
      </div>
      <div>
        <dt>Last used</dt>
        <dd>{time(apiKey.lastUsedAt)}</dd>
      </div>
      <div>
        <dt>First seen by Burnrate</dt>
        <dd>{time(apiKey.createdAt)}</dd>
      </div>
      {apiKey.disabledAt ? (
        <div>
          <dt>Disabled</dt>
          <dd>
            {time(apiKey.disabledAt)}
            {apiKey.disabledBy ? <span className="muted"> by {apiKey.disabledBy}</span> : null}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
