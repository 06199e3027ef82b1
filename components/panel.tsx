import type { ReactNode } from 'react';

type PanelProps = {
  id: string;
  title: string;
  /** Controls shown at the right of the heading: pickers, search. */
  actions?: ReactNode;
  children: ReactNode;
};

export function Panel({ id, title, actions, children }: PanelProps) {
  const headingId = `${id}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId} className="panel-title">
          {title}
        </h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
