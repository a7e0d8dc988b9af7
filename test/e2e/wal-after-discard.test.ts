/**
 * An action that throws a sealed value away leaves no copy of it in the
 * WAL: a guided report she drops (her draft), a moderator's EDIT of a
 * report no notice quoted (the old text). The WAL is truncated after the
 * commit, as after DELETE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTwilioLine, type Harness, refOf, waitFor } from '../helpers/harness';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';

const MOD = '+14155550199';
const ROSE = '+14155550143';

describe('what an action that discards a sealed value leaves in the WAL', () => {
  let h: Harness;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    // The moderators' notices are capped per quarter hour (aligned to the clock): the six reports must fall in one.
    ({ h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' }, now: clockFrom(EARLY_IN_A_DAY) }));
    await new Promise((r) => setTimeout(r, 1500));
  });
  afterAll(() => stop());
  const holds = (needle: Buffer) => {
    const db = path.join(h.dataDir, 'heads-up.db');
    return [db, `${db}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(needle)).map((f) => path.basename(f));
  };
  const sq = () => h.server.db.sqlite;

  it('a guided report she drops leaves no copy of her draft in the files', async () => {
    await h.sms(ROSE, 'JOIN 415');
    await h.sms(ROSE, 'REPORT');
    await h.sms(ROSE, '2');
    await h.sms(ROSE, 'last night at the Marriott');
    const draft = (sq().prepare('SELECT state_ct FROM conversations').get() as { state_ct: Buffer }).state_ct.subarray(0, 40);
    expect(holds(draft).length).toBeGreaterThan(0);
    expect((await h.sms(ROSE, 'DROP')).message).toContain('dropped');
    expect(sq().prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
    // The line goes on: other people join and ask for help; the server checkpoints every second.
    for (let i = 0; i < 30; i++) await h.sms(`+1415555031${String(i).padStart(2, '0').slice(-1)}`, i % 2 ? 'HELP' : 'JOIN 415');
    // Gone within the same 2.5 s as before, looked for as it goes rather than once at the end.
    await waitFor(() => holds(draft).length === 0, 2_500, 'the draft to leave the files').catch(() => undefined);
    expect(holds(draft)).toEqual([]);
  });

  it('an EDIT leaves no copy of the old text when no notice quoted it', async () => {
    // Six reports in the quarter hour: the sixth gets no notice of its own (a digest later).
    const refs: string[] = [];
    for (let i = 0; i < 6; i++) refs.push(refOf((await h.sms(`+1415555020${i}`, `REPORT 415 report number ${i} 415-555-03${i}${i}`)).message));
    const ref = refs[5]!;
    const row = sq().prepare('SELECT id, text_ct FROM reports WHERE ref = ?').get(ref) as { id: number; text_ct: Buffer };
    expect(sq().prepare('SELECT count(*) AS n FROM report_notices WHERE report_id = ?').get(row.id)).toEqual({ n: 0 });
    const old = row.text_ct.subarray(0, 40);
    expect(holds(old).length).toBeGreaterThan(0);
    expect((await h.sms(MOD, `EDIT ${ref} corrected text without the victim's number`)).message).toContain('edited');
    await waitFor(() => holds(old).length === 0, 2_500, 'the old text to leave the files').catch(() => undefined);
    expect(holds(old)).toEqual([]);
  });
});
