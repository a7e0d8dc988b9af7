/**
 * A draft lapses 30 minutes after its last answer and its job (every minute, longer after a restart) files
 * it. A hunt found her DONE sent in between answered "Heads Up didn't understand that", and a minute later
 * "your unfinished report was sent". DONE now files it at once, with its reference, as it did a second
 * earlier; the job then has nothing left to file or tell her.
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const lapse = (w: BotWorld) => w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
const reports = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;

describe('DONE sent as a draft lapses, before its job has run', () => {
  it.each(['DONE', 'send', 'ENVOYER'])('%s files it now and answers with its reference; the job tells her nothing more', async (word) => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night', '415 Motel 6']) say(w, REPORTER, a);
    w.clock.now += DRAFT_MS + 5_000;
    const done = say(w, REPORTER, word);
    const ref = /#[A-Z0-9]{4,6}/.exec(done)?.[0] ?? '';
    expect(done).toBe(t.reportReceived(ref, ['415']));
    expect(reports(w)).toBe(1);
    expect(w.queued(sms(MOD)).map((m) => m.text).join('\n')).toContain(ref.slice(1));
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    // Her reference, and no "your unfinished report was sent" after it.
    expect(w.queued(sms(REPORTER))).toEqual([]);
  });

  it('an answer other than DONE is still left to the job, which files the draft and tells her', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night']) say(w, REPORTER, a);
    w.clock.now += DRAFT_MS + 5_000;
    expect(say(w, REPORTER, 'at the Motel 6 on Lombard')).toBe(t.hint());
    expect(lapse(w)).toEqual({ filed: 1, dropped: 0 });
  });
});
