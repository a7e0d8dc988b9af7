/**
 * "CHECK 415-555-0177 and plate ABC123": only the number was looked up, so a
 * plate in an approved alert was answered "no alerts name that", reassuring a
 * worker about a dangerous client. Every identifier of the sentence is looked
 * up; the reply names the one that matched (and nothing else she typed), in
 * her language. A CHECK of one identifier answers as it always did.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

async function world(): Promise<BotWorld> {
  const w = await reportWorld();
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, grey Honda plate ABC123'))?.[1] ?? 'none';
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return w;
}

describe('CHECK of a sentence naming several identifiers', () => {
  it('finds the plate in an alert though a number not in any comes first, and names the plate only', async () => {
    const w = await world();
    const reply = say(w, MEMBER, 'CHECK 415-555-0177 and plate ABC123');
    expect(reply).toMatch(/^Heads Up: ABC123 is in 1 alert, latest .*, in 415\. Stay safe\.$/);
    expect(reply).not.toMatch(/0177/);
  });

  it('names the match in each language', async () => {
    const w = await world();
    const replies: string[] = [];
    for (const [lang, check] of [['ES', 'VERIFICAR'], ['FR', 'VERIFIER'], ['PT', 'VERIFICAR']]) {
      say(w, MEMBER, `LANG ${lang}`);
      replies.push(say(w, MEMBER, `${check} 415-555-0177 and plate ABC123`));
    }
    expect(replies[0]).toMatch(/^Heads Up: ABC123 sale en 1 alerta, la ultima el .*, en 415\. Cuidate\.$/);
    expect(replies[1]).toMatch(/^Heads Up: ABC123 figure dans 1 alerte, la dernière le .*, pour 415\. Prudence\.$/);
    expect(replies[2]).toMatch(/^Heads Up: ABC123 esta em 1 alerta, o ultimo em .*, em 415\. Se cuide\.$/);
  });

  it('names each that matched', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 no pay, texted from 415-555-0188'))?.[1] ?? 'none';
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK 415 555 0188 or plate ABC123?')).toMatch(/^Heads Up: \+14155550188 and ABC123 are in 2 alerts, latest .*, in 415\. Stay safe\.$/);
  });

  it('says nothing is known only when none of them is', async () => {
    const w = await world();
    expect(say(w, MEMBER, 'CHECK 415-555-0177 and plate XYZ789')).toBe(t.checkNone());
  });

  it('counts each identifier it looks up against the hourly CHECK limit, as so many CHECKs would', async () => {
    const w = await world();
    const five = 'CHECK 415-555-0171, 415-555-0172, 415-555-0173, 415-555-0174 and 415-555-0175';
    // Ten look-ups an hour: two sentences of five use them up; the next CHECK is refused.
    expect(say(w, MEMBER, five)).toBe(t.checkNone());
    expect(say(w, MEMBER, five)).toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK ABC-123')).toBe(t.checkLimit());
  });

  it('looks up as many of a sentence as the limit leaves, the first she named, and says the others were not checked', async () => {
    const w = await world();
    const four = 'CHECK 415-555-0171, 415-555-0172, 415-555-0173 and 415-555-0174';
    // Ten look-ups an hour: eight used, two left.
    expect(say(w, MEMBER, four)).toBe(t.checkNone());
    expect(say(w, MEMBER, four)).toBe(t.checkNone());
    // Three more: the first two are looked up, the third is not, and she is told so.
    expect(say(w, MEMBER, 'CHECK 415-555-0175, 415-555-0176 and plate ABC123')).toBe(t.checkNoneOfFirst(2, true));
    expect(say(w, MEMBER, 'CHECK ABC-123')).toBe(t.checkLimit());
  });

  it('answers a CHECK of one identifier as before', async () => {
    const w = await world();
    expect(say(w, MEMBER, 'CHECK ABC-123')).toMatch(/^Heads Up: that plate is in 1 alert, latest .*, in 415\. Stay safe\.$/);
    expect(say(w, MEMBER, 'CHECK he drove plate ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
