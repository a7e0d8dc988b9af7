/**
 * The copies of an alert still waiting in a backup go when the restored
 * server starts, though the line may have sent them since (members get the
 * alert twice) or RETRACTed the alert since (it goes to most of its area
 * again). Restore was silent about them (found by a hunt on the operator's
 * tools); it now names each such alert by reference, with its count.
 */
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { backupDatabase } from '../../src/store/backup';
import { restoreDatabase } from '../../src/store/restore';
import { tempDir } from '../helpers/temp-dir';
import { MOD, world } from '../helpers/waiting-alert';

const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

describe('restore and the alert copies waiting in the backup', () => {
  it('names each alert not retracted whose copies wait or are still to be queued, with how many wait, and none retracted', async () => {
    const w = await world();
    for (const n of ['+14155550101', '+14155550102', '+14155550103']) w.sms(n, 'JOIN 415');
    const planned = refIn(w.sms(MOD, 'ALERT 415 grey van, knife').reply);
    const retracted = refIn(w.sms(MOD, 'ALERT 415 red car, gun').reply);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    expect(w.sms(MOD, `RETRACT ${retracted}`).reply).toContain(retracted);
    // Approved last, its fan-out not yet planned when the backup was made.
    const planning = refIn(w.sms(MOD, 'ALERT 415 blue truck').reply);
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);

    const result = await restoreDatabase(backup, path.join(tempDir(), 'heads-up.db'), w.vault, latestMigration());
    expect(result.waitingAlerts).toEqual([
      { ref: planned, copies: 3, planning: false },
      { ref: planning, copies: 0, planning: true },
    ]);
  });
});
