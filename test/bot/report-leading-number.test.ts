/**
 * REPORT [NPA ...] text: a text that merely starts with a 3-digit number
 * that is no area of the line ("200 short, took my phone") is the text, not
 * an area; it was refused as "200 isn't an area code we know", and the
 * report never reached the moderators. Alone, a mistyped area is still
 * refused.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (reply: string | null): string => /#([A-Z0-9]{4,6})/.exec(reply ?? '')?.[1] ?? 'none';
const show = (w: BotWorld, ref: string): string => w.sms(MOD, `SHOW ${ref}`).reply ?? '';

describe('REPORT whose text starts with a number that is no area', () => {
  it('files "REPORT 200 short, took my phone" to her areas, the number in the text', async () => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT 200 short, took my phone, grey honda').reply);
    expect(show(w, ref)).toContain('415');
    expect(show(w, ref)).toContain('200 short, took my phone, grey honda');
  });

  it.each([['500'], ['600'], ['900']])('files "REPORT %s short, …" to her areas: a code of no place is no area', async (amount) => {
    const w = await world();
    const reply = w.sms(REPORTER, `REPORT ${amount} short, took my phone, grey honda`).reply ?? '';
    expect(reply).not.toContain(`for ${amount}`);
    expect(show(w, refIn(reply))).toContain(`${amount} short, took my phone, grey honda`);
  });

  it('files "REPORT 415 100 dollars short" to 415, "100 dollars short" its text', async () => {
    const w = await world();
    const ref = refIn(w.sms(REPORTER, 'REPORT 415 100 dollars short, grey honda').reply);
    expect(show(w, ref)).toContain('100 dollars short, grey honda');
  });

  it('still refuses a mistyped area with nothing after it', async () => {
    const w = await world();
    expect(w.sms(REPORTER, 'REPORT 451').reply).toBe(t.unknownArea('451', 'report'));
  });
});
