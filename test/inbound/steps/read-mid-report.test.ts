/**
 * A discreet member is sent "HU 415: 1 new message. Reply READ to see it."
 * while she is in the middle of a guided report (a draft waits 30 minutes for
 * its next answer). Her READ was taken for the answer to "When did it
 * happen?": she was not shown the alert, and her report said "When: READ".
 * READ alone, while she has unread alerts, now shows them; the question stays open.
 */
import { catalog } from '../../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../../src/store/alerts';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');

/** A discreet member asked "When did it happen?", with or without an alert waiting to be read. */
async function midReport(withAlert: boolean): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
  expect(w.sms(ROSA, 'REPORT').reply).toBe(t.reportAsk('what'));
  expect(w.sms(ROSA, '1').reply).toBe(t.reportAsk('when'));
  if (withAlert) {
    expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  }
  return w;
}

describe('READ in the middle of a guided report', () => {
  it('shows the alert the discreet notice told her to READ', async () => {
    const w = await midReport(true);
    expect(t.discreetNotice(['415'])).toContain('Reply READ to see it');
    expect(w.sms(ROSA, 'READ').reply).toContain('grey van, knife');
  });

  it("leaves the question open: the next answer is the report's", async () => {
    const w = await midReport(true);
    w.sms(ROSA, 'READ');
    expect(w.sms(ROSA, 'last night').reply).toBe(t.reportAsk('where'));
  });

  it('with nothing unread, READ is her answer, as any word', async () => {
    const w = await midReport(false);
    expect(w.sms(ROSA, 'READ').reply).toBe(t.reportAsk('where'));
  });

  it('"read his texts" opening an answer is the answer', async () => {
    const w = await midReport(true);
    expect(w.sms(ROSA, 'read his texts last night').reply).toBe(t.reportAsk('where'));
  });

  it('with an alert unread only on her Signal membership, READ by SMS is her answer, as any word', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${text}` }).reply;
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'REPORT').reply).toBe(t.reportAsk('what'));
    expect(w.sms(ROSA, '1').reply).toBe(t.reportAsk('when'));
    expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    // The SMS membership was sent nothing: its READ neither shows the Signal one's alert nor tells it is there.
    expect(w.sms(ROSA, 'READ').reply).toBe(t.reportAsk('where'));
  });
});
