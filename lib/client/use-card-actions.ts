'use client';

import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

/**
 * The keyboard focus of a card with Edit and Delete (budgets, alert routes): the delete
 * confirmation opens on "keep" (the safe choice), Escape or "keep" closes it back onto Delete,
 * and a closed edit form returns focus to Edit rather than the top of the page.
 */
export function useCardActions(editing: boolean) {
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const keep = () => {
    setConfirming(false);
    deleteRef.current?.focus();
  };
  const onConfirmKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') keep();
  };

  return { confirming, setConfirming, keep, onConfirmKey, keepRef, deleteRef, editRef };
}
