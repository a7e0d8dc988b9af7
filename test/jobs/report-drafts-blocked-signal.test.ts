/**
 * BLOCK silences a reporter over SMS and over Signal alike when her number
 * shows. A guided report she began over Signal, her number showing, before
 * a moderator blocked the number (for a report she sent by SMS) is dropped
 * silently when it lapses, as her messages are: not filed.
 */
import { DRAFT_MS } from '../../src/bot/report-dialogue';
import { catalog } from '../../src/bot/catalog';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const TROLL = '+14155550123';
const TROLL_SIGNAL: Sender = { channel: 'signal', address: '0a1b2c3d-0000-4000-8000-000000000123', phone: TROLL };
const t = catalog('en');

describe('a lapsed draft begun over Signal by a number blocked since', () => {
  it('is dropped silently, not filed', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(TROLL, 'REPORT 415 fake: grey van, rude').reply ?? '')?.[1];
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: TROLL_SIGNAL, text, providerId: `sig-${++n}` }).reply;
    expect(signal('REPORT 415')).toBe(t.reportAsk('what'));
    expect(signal('1')).toBe(t.reportAsk('when'));
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
    const pending = () => (w.db.sqlite.prepare("SELECT count(*) AS n FROM reports WHERE status = 'pending'").get() as { n: number }).n;
    // Her filed report went with the BLOCK.
    expect(pending()).toBe(0);
    w.clock.now += DRAFT_MS + 1;
    const before = (w.db.sqlite.prepare('SELECT max(id) AS id FROM outbox').get() as { id: number }).id;
    expect(w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now))).toEqual({ filed: 0, dropped: 1 });
    expect(pending()).toBe(0);
    // Silently: nothing queued, to her or to the moderators.
    expect((w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE id > ?').get(before) as { n: number }).n).toBe(0);
  });
});
