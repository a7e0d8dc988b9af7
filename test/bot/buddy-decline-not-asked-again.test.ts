/**
 * A number that DECLINEd a member's invitation is not asked by her again
 * (over that channel) for 30 days: BUDDY must not become a way to keep
 * texting someone who said no. She is told they declined, which she was
 * told already; another member may still ask. Her DELETE, the number's own
 * DELETE there, and retention erase the decline.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { equalValues } from '../helpers/seized-file';

const ROSE = '+14155550100';
const MIA = '+14155550111';
const ASKED = '+12125550142';
const DAY = 86_400_000;
const RULES = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } as const;
const t = catalog('en');

/** Rose asked ASKED, who declined. */
async function declined(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { ...RULES, buddyChannels: [...RULES.buddyChannels] } });
  w.sms(ROSE, 'JOIN');
  expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  expect(w.sms(ASKED, 'DECLINE').reply).toBe(t.buddyDeclined('sms'));
  return w;
}

/** Invitations still queued to ASKED (the one declined went with the decline: none had gone out). */
const invitations = (w: BotWorld) => w.direct(ASKED).filter((m) => m.startsWith('Heads Up: Rose') || m.startsWith('Heads Up: Mia'));

describe('BUDDY after the number DECLINEd', () => {
  it('is refused at once and on every later day of the 30, saying they declined, and nothing more is texted them', async () => {
    const w = await declined();
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose see evil.co/x').reply).toBe(t.buddyDeclinedBefore('0142', 30));
    for (let day = 1; day < 30; day++) {
      w.clock.now += DAY;
      expect(w.sms(ROSE, 'BUDDY 212-555-0142 Rose').reply).toBe(t.buddyDeclinedBefore('0142', 30));
    }
    expect(invitations(w)).toEqual([]);
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
  });

  it('asks them again once 30 days have passed', async () => {
    const w = await declined();
    w.clock.now += 31 * DAY;
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
    expect(invitations(w)).toEqual([t.buddyInvite('Rose')]);
  });

  it('is refused in every language, in words of its own', async () => {
    for (const lang of ['en', 'es', 'fr', 'pt'] as const) {
      const text = catalog(lang).buddyDeclinedBefore('0142', 30);
      expect(text).toContain('0142');
      expect(text).not.toBe(catalog(lang).buddyAlreadyAsked('0142'));
    }
  });

  it('leaves another member free to ask the same number', async () => {
    const w = await declined();
    w.sms(MIA, 'JOIN');
    expect(w.sms(MIA, 'BUDDY +12125550142 Mia').reply).toBe(t.buddyAsked('0142'));
    expect(invitations(w)).toEqual([t.buddyInvite('Mia')]);
  });

  it('bars only the channel it came over: she may still ask them on Signal', async () => {
    const w = await declined();
    expect(w.sms(ROSE, 'BUDDY SIGNAL +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  });

  it('holds for her on her other channel too (one phone, one person)', async () => {
    const w = await declined();
    const fromSignal = w.bot.handle({ sender: { channel: 'signal', address: '3c4d5e6f-7a8b-4c9d-8e0f-000000000100', phone: ROSE }, text: 'BUDDY +12125550142 Rose', providerId: 'sig-1' });
    expect(fromSignal.reply).toBe(t.buddyDeclinedBefore('0142', 30));
    expect(invitations(w)).toEqual([]);
  });

  it("goes with the member's DELETE, leaving nothing of it", async () => {
    const w = await declined();
    const declines = () => (w.db.sqlite.prepare('SELECT count(*) AS n FROM buddy_declines').get() as { n: number }).n;
    expect(declines()).toBe(1);
    w.sms(ROSE, 'DELETE');
    expect(declines()).toBe(0);
    w.sms(ROSE, 'JOIN');
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  });

  it("goes with the number's own DELETE over the channel it declined on", async () => {
    const w = await declined();
    w.sms(ASKED, 'DELETE');
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  });

  it('is erased by retention once 30 days have passed, and by a RETENTION_DAYS shorter than that', async () => {
    const w = await declined();
    expect(runRetention(w.db, 90, w.clock.now + 29 * DAY).buddyDeclines).toBe(0);
    expect(runRetention(w.db, 90, w.clock.now + 31 * DAY).buddyDeclines).toBe(1);
    const short = await declined();
    short.clock.now += 8 * DAY;
    expect(runRetention(short.db, 7, short.clock.now).buddyDeclines).toBe(1);
    expect(short.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  });

  it("cannot be joined, in a database read without the key, to the number's links or stops: the person who refused Rose is not Mia's buddy there", async () => {
    const w = await declined();
    w.sms(MIA, 'JOIN');
    expect(w.sms(MIA, 'BUDDY SIGNAL +12125550142 Mia').reply).toBe(t.buddyAsked('0142'));
    w.sms(ASKED, 'STOP');
    const count = (table: string) => (w.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('buddy_declines'), count('buddies'), count('buddy_stops')]).toEqual([1, 1, 1]);
    expect(equalValues(w.db.sqlite, ['buddy_declines'], ['buddies', 'buddy_stops'])).toEqual([]);
  });
});

describe('DECLINE from a buddy who had accepted', () => {
  it('ends the link but does not keep her from asking them again (a spoofed SMS must not lock her out of her buddy)', async () => {
    const w = await botWorld({ checkins: { ...RULES, buddyChannels: [...RULES.buddyChannels] } });
    w.sms(ROSE, 'JOIN');
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
    expect(w.sms(ASKED, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.sms(ASKED, 'DECLINE').reply).toBe(t.buddyDeclined('sms'));
    expect(w.sms(ROSE, 'BUDDY').reply).toBe(t.buddyNone());
    expect(w.sms(ROSE, 'BUDDY +12125550142 Rose').reply).toBe(t.buddyAsked('0142'));
  });
});
