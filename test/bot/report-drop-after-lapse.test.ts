/**
 * SPEC, guided reports: "CANCEL works at every step". A draft lapses 30
 * minutes after its last answer and its job (every minute) files it. In the
 * minute between, the draft was neither open nor gone: her DROP was answered
 * "didn't understand", and the job then filed the report she had asked to
 * throw away and told the moderators.
 */
import { catalog } from '../../src/bot/catalog';
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const lapse = (w: BotWorld) => w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
const drafts = (w: BotWorld) => (w.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;

describe('DROP sent as a draft lapses, before its job has run', () => {
  it.each(['DROP', 'CANCELAR'])('%s throws the draft away, as a second earlier, instead of filing it', async (word) => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night']) say(w, REPORTER, a);
    w.clock.now += DRAFT_MS + 5_000;
    expect(say(w, REPORTER, word)).toBe(t.reportCancelled());
    expect(drafts(w)).toBe(0);
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    expect(w.queued(sms(MOD))).toEqual([]);
  });

  it('leaves anything else to the job: a lapsed draft is filed, and she is told', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night']) say(w, REPORTER, a);
    w.clock.now += DRAFT_MS + 5_000;
    expect(say(w, REPORTER, 'hello')).not.toBe(t.reportCancelled());
    expect(lapse(w)).toEqual({ filed: 1, dropped: 0 });
  });
});
