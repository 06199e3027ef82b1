import Link from 'next/link';
import { HYGIENE_RULES } from '@/lib/client/key-labels';
import { hygieneRules } from '@/lib/keys/key-schemas';
import { formatInteger } from '@/lib/client/format';
import type { HygieneFinding, HygieneRule } from '@/lib/keys/key-schemas';

type HygieneFindingsProps =
  /** One key's findings, a flat list. */
  | { layout: 'flat'; findings: readonly HygieneFinding[] }
  /**
   * The hygiene page: findings grouped under each rule (or under the one rule shown), with
   * links to the keys; `counts` says how many each rule has in all, which may be more than
   * the findings given.
   */
  | { layout: 'grouped'; findings: readonly HygieneFinding[]; counts: Record<HygieneRule, number>; only: HygieneRule | null };

export function HygieneFindings(props: HygieneFindingsProps) {
  const { findings, layout } = props;
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
      {hygieneRules.filter((rule) => props.only === null || rule === props.only).map((rule) => {
        const found = findings.filter((f) => f.rule === rule);
        const total = props.counts[rule];
        const headingId = `hygiene-${rule}`;
        return (
          <section key={rule} className="hygiene-group" aria-labelledby={headingId} data-testid="hygiene-group" data-rule={rule}>
            <h2 id={headingId} className="panel-title">
              {HYGIENE_RULES[rule].title} <span className="muted">· {formatInteger(total)}</span>
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
            {props.only === null && total > found.length ? (
              <p>
                <Link href={`/hygiene?rule=${rule}`} data-testid="hygiene-show-all">
                  Show all {formatInteger(total)} <span className="sr-only">{HYGIENE_RULES[rule].title.toLowerCase()} findings</span>
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
