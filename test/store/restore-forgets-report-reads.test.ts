/**
 * A restore undoes every EDIT since the backup, but kept who had read each
 * report: the console's APPROVE of a report read before the backup then sent
 * the backup's text (a third person's number a moderator had since edited
 * out) without showing it (found by a hunt on the operator's tools). The
 * restored copy forgets every read: each pending report is shown again.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { restoreDatabase } from '../../src/store/restore';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const t = catalog('en');
const MOD = '+14155550192';
const refIn = (text: string | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] as string;

describe('restore and the reports read before it', () => {
  it("makes the console's APPROVE of a report read before the backup print the backup's text, not send it", async () => {
    const w = await botWorld({ moderators: new Set([MOD]) });
    w.sms('+14155550120', 'JOIN 415');
    const ref = refIn(w.sms('+14155550130', 'REPORT 415 guy in red truck, ask Jess at 415 555 0142 she saw him').reply);
    w.sms(MOD, `EDIT ${ref} guy in red truck, Jess 415 555 0142 saw him`);
    expect(w.bot.operate(`SHOW ${ref}`).reply).toContain('Jess 415 555 0142');
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase(w.file, backup);
    w.sms(MOD, `EDIT ${ref} guy in red truck`);
    expect(w.bot.operate(`SHOW ${ref}`).reply).not.toContain('Jess');

    const target = path.join(tempDir(), 'heads-up.db');
    const result = await restoreDatabase(backup, target, w.vault, latestMigration());
    expect(result.pendingReports).toBe(1);
    const restored = await botWorld({ moderators: new Set([MOD]) }, w.clock.now, target);
    const refused = restored.bot.operate(`APPROVE ${ref}`);
    expect(refused.failed).toBe(true);
    expect(refused.reply).toContain('Jess 415 555 0142');
    // Printed, it is read: the next APPROVE sends it.
    expect(restored.bot.operate(`APPROVE ${ref}`)).toEqual({ reply: t.modApproved(`#${ref}`, ['415']), failed: false });
  });
});
