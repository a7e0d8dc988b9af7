/**
 * Turning a text or a guided report into an alert: expand its areas to
 * their overlays, store it sealed, index the identifiers it shows (phone
 * numbers, plates, emails, handles, links) for CHECK, and have its fan-out
 * planned once the transaction commits.
 */
import type { CountryCode } from 'libphonenumber-js';
import { createAlert } from '../store/alerts';
import type { Db } from '../store/db';
import { indexAlertIdentifiers } from '../store/screening';
import type { Vault } from '../store/vault';
import type { Regions } from './regions';
import { alertIdentifiers, type AlertBody, type AlertFields } from './report-template';

export interface AlertDeps {
  db: Db;
  vault: Vault;
  regions: Regions;
  /** Called once the transaction commits; a caller that plans the fan-out itself leaves it out. */
  onAlert?: (alertId: number) => void;
  /** How national-format numbers in the alert are read (DEFAULT_COUNTRY). */
  country?: CountryCode;
}

/** Creates an alert inside the caller's transaction; planning starts after the commit. */
export function issueAlert(
  deps: AlertDeps,
  input: {
    reportId?: number;
    ref?: string;
    npas: string[];
    body: AlertBody;
    /** A guided report's fields before clipping: what tells a clipped answer's whole identifiers from a cut's stub. */
    unclipped?: AlertFields;
    categories?: string[];
  },
  now: number,
): number {
  const reach = deps.regions.expand(input.npas);
  const { body } = input;
  const id = createAlert(
    deps.db,
    deps.vault,
    { reportId: input.reportId, ref: input.ref, npas: input.npas, reach, text: 'text' in body ? body.text : '', fields: 'fields' in body ? body.fields : undefined },
    now,
  );
  // A guided report's body is its fields as clipped for the notice and SHOW: CHECK finds what a moderator
  // read and approved, never an identifier the clipping left out (a rival's number hidden at the end of a long answer)
  // nor the stub of one the cut leaves before its "...".
  indexAlertIdentifiers(deps.db, deps.vault, id, alertIdentifiers(body, deps.regions.country, input.unclipped), input.npas, input.categories ?? [], now);
  const { onAlert } = deps;
  if (onAlert) deps.db.onCommit(() => onAlert(id));
  return id;
}
