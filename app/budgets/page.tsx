'use client';

import { Suspense, useEffect, useMemo, useState } from 'react';
import { BudgetCard } from '@/components/budget-card';
import { BudgetExport } from '@/components/budget-export';
import { BudgetForm } from '@/components/budget-form';
import { BudgetSummary } from '@/components/budget-summary';
import { Pagination } from '@/components/pagination';
import { Panel } from '@/components/panel';
import { QueryView } from '@/components/query-view';
import { SearchInput } from '@/components/search-input';
import { EmptyState, LoadingState } from '@/components/state-views';
import { budgetBody, budgetFieldErrors, draftOfBudget, emptyBudgetDraft, timezoneChoices } from '@/lib/client/budget-draft';
import type { BudgetDraft } from '@/lib/client/budget-draft';
import { formatInteger, formatUsd } from '@/lib/client/format';
import { BUDGET_PAGE_SIZE, useBudgetListView, useBudgets, useDeleteBudget, useEnvironmentChoices, useExportMonth, useKeyChoices, usePutBudget } from '@/lib/client/use-budgets';
import { useDebouncedValue } from '@/lib/client/use-debounced-value';
import type { BudgetView } from '@/lib/budgets/budget-schemas';
import './budgets.css';

export default function BudgetsPage() {
  return (
    <div className="page budgets-page">
      {/* useSearchParams needs a boundary, or the whole page would skip static rendering. */}
      <Suspense fallback={<BudgetsFallback />}>
        <BudgetsView />
      </Suspense>
    </div>
  );
}

const savedNotice = (budget: BudgetView, updated: boolean) => `${updated ? 'Updated' : 'Set'} the budget for ${budget.subjectName}: ${formatUsd(budget.monthlyUsd)} a month.`;

/** The browser's zone, read when a form opens (never while rendering on the server). */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function BudgetsView() {
  const { view, setView } = useBudgetListView();
  const [search, setSearch] = useState(view.q);
  const q = useDebouncedValue(search.trim(), 250);
  useEffect(() => {
    if (q !== view.q) setView({ q });
  }, [q, view.q, setView]);
  const budgets = useBudgets(view);
  const { month, maxMonth, setMonth } = useExportMonth();
  // What just happened to the list, said once for screen readers and kept in view.
  const [notice, setNotice] = useState<string | null>(null);
  // The set-a-budget form's starting draft and zone choices while it is open.
  const [creating, setCreating] = useState<{ draft: BudgetDraft; zones: string[] } | null>(null);
  const data = budgets.data;

  const open = () => {
    const zone = browserZone();
    setCreating((c) => (c ? null : { draft: emptyBudgetDraft(zone), zones: timezoneChoices(zone, zone) }));
  };

  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Budgets</h1>
        <BudgetExport month={month} maxMonth={maxMonth} onMonthChange={setMonth} />
      </header>
      <p className="budgets-intro">Monthly budgets per key or environment, with where each month is heading at today’s burn rate. Alerts go out as spend passes each threshold.</p>
      <Panel id="budget-summary" title={data ? `This month · ${formatInteger(data.total)} budget${data.total === 1 ? '' : 's'}` : 'This month'}>
        <QueryView query={budgets} what="budgets" loading={<LoadingState variant="cards" label="Loading budget totals…" />} empty={<EmptyState title="Nothing budgeted yet." />} isEmpty={(d) => d.total === 0}>
          {(d) => <BudgetSummary totals={d.totals} />}
        </QueryView>
      </Panel>
      <Panel
        id="budgets"
        title="Budgets"
        actions={
          <button type="button" className="button button-primary" onClick={open} aria-expanded={creating !== null} data-testid="budget-new">
            Set a budget
          </button>
        }
      >
        <div aria-live="polite" className="budgets-notice">
          {notice ? (
            <p className="action-done" data-testid="budgets-notice">
              <span aria-hidden="true">✓ </span>
              {notice}
            </p>
          ) : null}
        </div>
        {creating ? (
          <div className="budget-create">
            <CreateBudget
              initial={creating.draft}
              zones={creating.zones}
              onSaved={(budget, updated) => {
                setCreating(null);
                setNotice(savedNotice(budget, updated));
              }}
              onCancel={() => setCreating(null)}
            />
          </div>
        ) : null}
        {data && data.total > BUDGET_PAGE_SIZE ? <SearchInput label="Find a budget" placeholder="Key or environment name" value={search} onChange={setSearch} /> : null}
        <QueryView
          query={budgets}
          what="budgets"
          loading={<LoadingState variant="table" rows={3} label="Loading budgets…" />}
          empty={
            view.q ? (
              <EmptyState title={`No budget matches “${view.q}”.`}>Search by key or environment name.</EmptyState>
            ) : (
              <EmptyState title="No budgets yet.">Set one for a key or an environment: Burnrate forecasts its month-end spend and alerts at each threshold.</EmptyState>
            )
          }
          isEmpty={(d) => d.budgets.length === 0}
        >
          {(d) => (
            <>
              <ul className="budget-list" data-testid="budgets">
                {d.budgets.map((budget) => (
                  <BudgetItem key={budget.id} budget={budget} onSaved={(b) => setNotice(savedNotice(b, true))} onDeleted={() => setNotice(`Deleted the budget for ${budget.subjectName}.`)} />
                ))}
              </ul>
              <Pagination page={d.page} pageSize={d.pageSize} total={d.matching} onPageChange={(page) => setView({ page })} label="Budget pages" />
            </>
          )}
        </QueryView>
      </Panel>
    </>
  );
}

type CreateBudgetProps = { initial: BudgetDraft; zones: string[]; onSaved: (budget: BudgetView, updated: boolean) => void; onCancel: () => void };

function CreateBudget({ initial, zones, onSaved, onCancel }: CreateBudgetProps) {
  const put = usePutBudget();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const keys = useKeyChoices(q, true);
  const environments = useEnvironmentChoices(true);
  const errors = useMemo(() => (put.error ? budgetFieldErrors(put.error) : null), [put.error]);
  const choicesError = keys.error ? `Could not list keys: ${keys.error.message}` : environments.error ? `Could not list environments: ${environments.error.message}` : null;

  const submit = (draft: BudgetDraft) => {
    // PUT is an upsert: the server says whether the subject already had a budget.
    put.mutate(budgetBody(draft), { onSuccess: (budget) => onSaved(budget, !budget.created) });
  };

  return (
    <BudgetForm
      mode="create"
      initial={initial}
      keyChoices={keys.data}
      keySearch={search}
      onKeySearch={setSearch}
      choicesError={choicesError}
      environments={environments.data}
      timezones={zones}
      saving={put.isPending}
      errors={errors}
      onSubmit={submit}
      onCancel={onCancel}
    />
  );
}

function BudgetItem({ budget, onSaved, onDeleted }: { budget: BudgetView; onSaved: (budget: BudgetView) => void; onDeleted: () => void }) {
  const save = usePutBudget();
  const remove = useDeleteBudget(budget.id);
  const [editing, setEditing] = useState<{ draft: BudgetDraft; zones: string[] } | null>(null);
  const errors = useMemo(() => (save.error ? budgetFieldErrors(save.error) : null), [save.error]);

  return (
    <BudgetCard
      budget={budget}
      editing={editing !== null}
      deleting={remove.isPending}
      error={remove.error ? `Could not delete the budget. ${remove.error.message}` : null}
      onEdit={() => {
        save.reset();
        setEditing((e) => (e ? null : { draft: draftOfBudget(budget), zones: timezoneChoices(browserZone(), budget.timezone) }));
      }}
      // The card is gone once the list drops the budget, so the promise (not a mutate callback) says it is done.
      onDelete={() => void remove.mutateAsync().then(onDeleted, () => undefined)}
    >
      {editing ? (
        <BudgetForm
          mode="edit"
          initial={editing.draft}
          keyChoices={undefined}
          keySearch=""
          onKeySearch={() => undefined}
          choicesError={null}
          environments={undefined}
          timezones={editing.zones}
          saving={save.isPending}
          errors={errors}
          onSubmit={(draft) =>
            save.mutate(budgetBody(draft), {
              onSuccess: (saved) => {
                setEditing(null);
                onSaved(saved);
              },
            })
          }
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </BudgetCard>
  );
}

function BudgetsFallback() {
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Budgets</h1>
      </header>
      <Panel id="budget-summary" title="This month">
        <LoadingState variant="cards" label="Loading budget totals…" />
      </Panel>
    </>
  );
}
