import { BudgetField } from '@/components/budget-field';

export type KeyChoice = { id: string; name: string; environment: string; provider: 'openai' | 'anthropic' };

const PROVIDERS: Record<KeyChoice['provider'], string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

type BudgetKeyPickerProps = {
  id: string;
  /** Keys matching the search; undefined while the first answer loads. */
  choices: readonly KeyChoice[] | undefined;
  search: string;
  onSearch: (q: string) => void;
  value: { id: string; name: string };
  onChange: (key: { id: string; name: string }) => void;
  error?: string;
};

/** "Support chat · production · OpenAI": names repeat across environments. */
export const keyChoiceLabel = (key: KeyChoice) => `${key.name} · ${key.environment} · ${PROVIDERS[key.provider]}`;

/** A search box that narrows a list of keys, and the list to pick one from. */
export function BudgetKeyPicker({ id, choices, search, onSearch, value, onChange, error }: BudgetKeyPickerProps) {
  // The chosen key stays a choice while the search shows other keys.
  const chosenHidden = value.id !== '' && !(choices ?? []).some((k) => k.id === value.id);
  const empty = choices !== undefined && choices.length === 0;
  return (
    <div className="budget-key-picker">
      <BudgetField id={`${id}-search`} field="keyId" label="Find a key" help="Type part of its name to narrow the list.">
        {(control) => (
          <input {...control} type="search" className="input" value={search} onChange={(e) => onSearch(e.target.value)} autoComplete="off" spellCheck={false} placeholder="Key name" data-testid="budget-key-search" />
        )}
      </BudgetField>
      <BudgetField id={id} field="keyId" label="Key" error={error} help={empty ? `No key matches “${search}”.` : undefined}>
        {(control) => (
          <select
            {...control}
            className="select budget-key-select"
            value={value.id}
            onChange={(e) => {
              const key = choices?.find((k) => k.id === e.target.value);
              onChange(key ? { id: key.id, name: key.name } : { id: '', name: '' });
            }}
            data-testid="budget-key-input"
          >
            <option value="">{choices === undefined ? 'Loading keys…' : 'Choose a key…'}</option>
            {chosenHidden ? <option value={value.id}>{value.name}</option> : null}
            {(choices ?? []).map((key) => (
              <option key={key.id} value={key.id}>
                {keyChoiceLabel(key)}
              </option>
            ))}
          </select>
        )}
      </BudgetField>
    </div>
  );
}
