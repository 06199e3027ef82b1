'use client';

import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { SettingsErrors } from './settings-errors';

type SettingsFormOptions<D, F extends string> = {
  initial: D | (() => D);
  /** The server's refusal of the last save, mapped onto fields. */
  errors: SettingsErrors<F> | null;
  onSubmit: (draft: D) => void;
  /** Other fields a change implies: a new alert channel empties the target. */
  implied?: (draft: D, field: F, value: unknown) => Partial<D>;
};

/**
 * The settings forms' shared behaviour: the draft, a field's message going once that field
 * is changed, the keyboard taken to the first field that needs fixing after a refused
 * save, and submit without the browser's own validation.
 */
export function useSettingsForm<D extends object, F extends Extract<keyof D, string>>({ initial, errors, onSubmit, implied }: SettingsFormOptions<D, F>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [cleared, setCleared] = useState<{ source: SettingsErrors<F> | null; fields: F[] }>({ source: null, fields: [] });
  const errorOf = (field: F) => (errors && !(cleared.source === errors && cleared.fields.includes(field)) ? errors.fields[field] : undefined);

  const change = <K extends F>(field: K, value: D[K]) => {
    setDraft((d) => ({ ...d, [field]: value, ...implied?.(d, field, value) }));
    if (errors?.fields[field]) setCleared((c) => ({ source: errors, fields: c.source === errors ? [...c.fields, field] : [field] }));
  };

  useEffect(() => {
    if (errors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(draft);
  };

  return { formRef, draft, setDraft, change, errorOf, submit };
}
