'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The keyboard focus of a card with Edit and Delete (budgets, alert routes): "keep" in the
 * delete confirmation (InlineConfirm, which opens on it) closes it back onto Delete, and a
 * closed edit form returns focus to Edit rather than the top of the page.
 */
export function useCardActions(editing: boolean) {
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);

  useEffect(() => {
    if (wasEditing.current && !editing) editRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const keep = () => {
    setConfirming(false);
    deleteRef.current?.focus();
  };
  return { confirming, setConfirming, keep, deleteRef, editRef };
}
