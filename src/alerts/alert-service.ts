/**
 * Turning a text into an alert: expand its areas to their overlays, store it
 * sealed, index the phone numbers it names for CHECK, and have its fan-out
 * planned once the transaction commits.
 */
import { numbersInText } from '../phone/numbers';
import { createAlert } from '../store/alerts';
import type { Db } from '../store/db';
import { indexAlertNumbers } from '../store/screening';
import type { Vault } from '../store/vault';
import type { Regions } from './regions';

export interface AlertDeps {
  db: Db;
  vault: Vault;
  regions: Regions;
  /** Called once the transaction commits; a caller that plans the fan-out itself leaves it out. */
  onAlert?: (alertId: number) => void;
}

/** Creates an alert inside the caller's transaction; planning starts after the commit. */
export function issueAlert(deps: AlertDeps, input: { reportId?: number; npas: string[]; text: string }, now: number): number {
  const reach = deps.regions.expand(input.npas);
  const id = createAlert(deps.db, deps.vault, { ...input, reach }, now);
  indexAlertNumbers(deps.db, deps.vault, id, numbersInText(input.text, deps.regions.country), input.npas, now);
  const { onAlert } = deps;
  if (onAlert) deps.db.onCommit(() => onAlert(id));
  return id;
}
