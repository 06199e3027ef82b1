import type { OnIncidentChange } from './incident-change';

// What every incident change sets off, in the same transaction. Alert delivery plugs in
// here (the outbox); until then a change is recorded on the incident and nothing else.
export const alertOnIncidentChange: OnIncidentChange = async () => {};
