import Link from 'next/link';
import { HYGIENE_RULES } from '@/lib/client/key-labels';
import { hygieneRules } from '@/lib/keys/key-schemas';
import type { HygieneFinding } from '@/lib/keys/key-schemas';

type HygieneFindingsProps = {
  findings: readonly HygieneFinding[];
  /** Grouped under each rule with links to the keys (the hygiene page), or a flat list for one key. */
  layout: 'grouped' | 'flat';
};

export function HygieneFindings({ findings, layout }: HygieneFindingsProps) {
  if (layout === 'flat') {
    if (findings.length === 0) return <p className="muted" data-testid="hygiene-none">Nothing to fix: this key passes every hygiene rule.</p>;
    return (
      <ul className="hygiene-list" data-testid="hygiene-findings">
        {findings.map((f) => (
          <li key={f.rule} data-rule={f.rule}>
            <strong>{HYGIENE_RULES[f.rule].title}.</strong> {f.detail}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="hygiene-groups" data-testid="hygiene-groups">
      {hygieneRules.map((rule) => {
        const found = findings.filter((f) => f.rule === rule);
        const headingId = `hygiene-${rule}`;
        return (
          <section key={rule} className="hygiene-group" aria-labelledby={headingId} data-testid="hygiene-group" data-rule={rule}>
            <h2 id={headingId} className="panel-title">
              {HYGIENE_RULES[rule].title} <span className="muted">· {found.length}</span>
            </h2>
            <p className="muted">{HYGIENE_RULES[rule].why}</p>
            {found.length === 0 ? (
              <p className="hygiene-clear">
                <span aria-hidden="true">✓ </span>No key breaks this rule.
              </p>
            ) : (
              <ul className="hygiene-list">
                {found.map((f) => (
                  <li key={f.keyId}>
                    <Link href={`/keys/${f.keyId}`} data-testid="hygiene-key-link">
                      {f.keyName}
                    </Link>
                    <span className="hygiene-detail">{f.detail}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
