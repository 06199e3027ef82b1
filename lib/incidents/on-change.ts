import { alertOutbox } from '@/lib/alerts/outbox';
import { env, publicUrl } from '@/lib/env';
import type { OnIncidentChange } from './incident-change';

// What every incident change sets off, in the same transaction: the alert outbox.
export function incidentChangeHandler(): OnIncidentChange {
  return alertOutbox({ publicUrl: publicUrl(env()) });
}
