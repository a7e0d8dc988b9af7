/**
 * A one-message REPORT over Signal may run to 4,000 characters; a report
 * keeps 1,600 (what a moderator can read over SMS). Past that she is told
 * the end was not kept, so she sends it again (the client's number she put
 * last), and the cut falls between words: half a number is no one's.
 */
import { catalog } from '../../src/bot/catalog';
import { MAX_REPORT_TEXT } from '../../src/bot/report-commands';
import { findReport } from '../../src/store/reports';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const overSignal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: '+14155550101' }, text, providerId: `${UUID}:${text.length}` }).reply ?? '';
const refOf = (reply: string) => /#([A-Z0-9]{4,6})/.exec(reply)![1]!;

describe('a one-message REPORT over Signal longer than a report keeps', () => {
  // 1,590 characters of story, then the number across the 1,600th character.
  const story = 'He seemed fine at first and then things went badly wrong at the motel. '.repeat(23).slice(0, 1_589).trimEnd();
  const text = `REPORT 415 ${story} 415-555-0177 is the number he texted from.`;

  it('is filed with its start, up to the last whole word, and she is told the end was not kept', async () => {
    const w = await botWorld();
    const reply = overSignal(w, text);
    const ref = refOf(reply);
    expect(reply).toBe(catalog('en').reportReceivedCut(`#${ref}`, ['415'], MAX_REPORT_TEXT));
    expect(findReport(w.db, w.vault, ref)!.text).toBe(story);
  });

  it('is thanked as ever when it fits', async () => {
    const w = await botWorld();
    const reply = overSignal(w, `REPORT 415 ${story}`);
    expect(reply).toBe(catalog('en').reportReceived(`#${refOf(reply)}`, ['415']));
  });

  it('tells her in her language', async () => {
    const w = await botWorld();
    const reply = overSignal(w, text.replace(/^REPORT/, 'DENUNCIA'));
    expect(reply).toBe(catalog('pt').reportReceivedCut(`#${refOf(reply)}`, ['415'], MAX_REPORT_TEXT));
  });

  it.each([['415 555 0177'], ['(415) 555 0177'], ['+44 7700 900123']])('keeps no half of %j written in groups across the cut', async (num) => {
    const w = await botWorld();
    const reply = overSignal(w, `REPORT 415 ${story} ${num} is the number he texted from.`);
    expect(findReport(w.db, w.vault, refOf(reply))!.text).toBe(story);
  });

  // Her own number is +14155550101; a hostile REPORT is masked only as far as it can be kept, so her number near a cut
  // must still go.
  it('masks her own number that starts at its 1,590th character, across the cut', async () => {
    const w = await botWorld();
    const reply = overSignal(w, `REPORT 415 ${story} 415 555 0101 is mine. ${'More of the story. '.repeat(150)}`);
    const kept = findReport(w.db, w.vault, refOf(reply))!.text;
    expect(kept.startsWith(`${story} [-]`)).toBe(true);
    expect(kept).not.toMatch(/555/);
  });

  it('keeps no first digits of her own number past what was masked, however often she wrote it before', async () => {
    const w = await botWorld();
    const text = `${'4155550101 '.repeat(162)}abcdefghijkl 415 555 0101 ${'More of the story. '.repeat(150)}`;
    const reply = overSignal(w, `REPORT 415 ${text}`);
    expect(reply).toBe(catalog('en').reportReceivedCut(`#${refOf(reply)}`, ['415'], MAX_REPORT_TEXT));
    expect(findReport(w.db, w.vault, refOf(reply))!.text).not.toMatch(/\d/);
  });
});
