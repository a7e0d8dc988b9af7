/**
 * A client's number written with emoji keycap digits ("4️⃣1️⃣5️⃣…") or with bullets or middle dots between its
 * groups ("415•555•0177", "415·555·0177"): the alert shows it (plainly once emoji are dropped), so CHECK must find
 * it, whichever way the CHECK writes it, until the alert is retracted; and the reporter's own number written so is
 * masked as any other way of writing it is.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const KEYCAPS = '4️⃣1️⃣5️⃣5️⃣5️⃣5️⃣0️⃣1️⃣7️⃣7️⃣';
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const refIn = (text: string): string => /#([A-Z0-9]{4,6})/.exec(text)?.[1] ?? '';
/** Each digit of `text` as an emoji keycap digit. */
const keycaps = (text: string): string => Array.from(text, (c) => (/\d/.test(c) ? `${c}\uFE0F\u20E3` : c)).join('');

/**
 * A guided report with these answers to "person" and "how they made contact", approved: its reference, and the
 * moderators' notice (which shows the alert exactly as members receive it; approving erases it).
 */
function approvedGuided(w: BotWorld, person: string, contact: string): { ref: string; notice: string } {
  let reply = '';
  for (const a of ['REPORT', '1', 'last night', '415 Motel 6 Lombard', person, 'SKIP', contact, 'SKIP', 'DONE']) reply = say(w, REPORTER, a);
  const ref = refIn(reply);
  const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return { ref, notice };
}

describe('a number written with keycap digits, bullets or middle dots', () => {
  it.each([
    ['keycap digits', `tall, beard, kept calling from ${KEYCAPS} 😡`],
    ['bullets', 'tall, beard 😡 kept calling from 415•555•0177'],
    ['middle dots', 'tall, beard 😡 kept calling from 415·555·0177'],
  ])('in a guided answer (%s): CHECK 4155550177 finds the approved alert that shows it', async (_how, person) => {
    const w = await world();
    approvedGuided(w, person, 'SKIP');
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('in keycaps, in an alert that must drop its emoji to fit: shown plainly, and CHECK finds it', async () => {
    const w = await world();
    let reply = '';
    const where = '415 Motel 6 on Lombard St, second floor, the room at the back by the ice machine, parked outside';
    for (const a of ['REPORT', '1 3', 'last Friday around 11:30pm', where, `tall 😡 beard, texts from ${KEYCAPS}`, 'grey van', 'SKIP', 'SKIP', 'DONE']) reply = say(w, REPORTER, a);
    const ref = refIn(reply);
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(notice).toContain('texts from 4155550177.');
    expect(notice).not.toContain('\u20E3');
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('as the contact answer, in keycaps: the alert lists the number, and CHECK finds it', async () => {
    const w = await world();
    const { notice } = approvedGuided(w, 'tall, beard', KEYCAPS);
    expect(notice).toContain('Contact: +14155550177.');
    expect(say(w, MEMBER, 'CHECK 415-555-0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('in a one-message REPORT: CHECK 4155550177 finds the approved alert', async () => {
    const w = await world();
    const ref = refIn(say(w, REPORTER, `REPORT 415 robbed me, texted from ${KEYCAPS}`));
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it.each([
    ['a one-message REPORT', (w: BotWorld) => say(w, MOD, `APPROVE ${refIn(say(w, REPORTER, `REPORT 415 came to room ${keycaps('12 \u2022 415 555 0177')}`))}`)],
    ['a guided answer', (w: BotWorld) => approvedGuided(w, `tall, beard, room ${keycaps('12 \u2022 415 555 0177')}`, 'SKIP')],
  ])('after another number in keycaps and a bullet, in %s: CHECK 415 555 0177 finds the approved alert', async (_where, file) => {
    const w = await world();
    file(w);
    expect(say(w, MEMBER, 'CHECK 415 555 0177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it.each([KEYCAPS, '415•555•0177', '415 · 555 · 0177', keycaps('415 \u2022 555 \u2022 0177'), keycaps('001 415 555 0177')])('CHECK %s finds an alert naming 415-555-0177', async (query) => {
    const w = await world();
    approvedGuided(w, 'tall, beard', '415-555-0177');
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it('RETRACT takes the number out of CHECK again', async () => {
    const w = await world();
    const { ref } = approvedGuided(w, `tall, beard, kept calling from ${KEYCAPS} 😡`, 'SKIP');
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/in 1 alert/);
    expect(say(w, MOD, `RETRACT ${ref}`)).toContain('retracted');
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: no alerts name that/);
  });

  it("masks the reporter's own number in keycaps: it reaches neither the moderators nor the members", async () => {
    const w = await world();
    // REPORTER is +14155550105.
    const own = '4️⃣1️⃣5️⃣5️⃣5️⃣5️⃣0️⃣1️⃣0️⃣5️⃣';
    const { ref, notice } = approvedGuided(w, `tall, beard, call me on ${own} 😡`, 'SKIP');
    expect(notice).toContain('Person: tall, beard, call me on [-]');
    // SHOW: the report as the moderators keep it.
    for (const text of [notice, say(w, MOD, `SHOW ${ref}`)]) expect(text.replace(/\D/g, '')).not.toContain('4155550105');
    expect(say(w, MEMBER, 'CHECK 4155550105')).toMatch(/^Heads Up: no alerts name that/);
  });

  it.each([
    ['after a room number and a bullet', 'tall, beard, came to room 12 \u2022 415 555 0105 is mine'],
    ['after a room number in keycaps', `tall, beard, came to rm ${keycaps('12')} 415 555 0105 is mine`],
    ['after the keycap ten', 'tall, beard, \u{1F51F} 415 555 0105 is mine'],
    ['in keycaps with bullets', `tall, beard, ${keycaps('415\u2022555\u20220105')} is mine`],
    ['in keycaps after 00', `tall, beard, ${keycaps('001 415 555 0105')} is mine`],
  ])("masks the reporter's own number written %s: it reaches no moderator", async (_how, person) => {
    const w = await world();
    const { notice } = approvedGuided(w, person, 'SKIP');
    expect(notice).toContain('[-] is mine');
    expect(notice.replace(/\D/g, '')).not.toContain('5550105');
  });

  it.each([
    ['after a room number and a bullet', 'tall, beard, room 12 \u2022 415 555 0177 his cell'],
    ['after a room number in keycaps', `tall, beard, rm ${keycaps('12')} 415 555 0177 his cell`],
    ['after a list in keycaps', `tall, beard, options ${keycaps('1 2 3')} 415 555 0177 his cell`],
    ['in keycaps with bullets', `tall, beard, his cell ${keycaps('415\u2022555\u20220177')}`],
  ])("finds the client's number written %s once approved", async (_how, person) => {
    const w = await world();
    approvedGuided(w, person, 'SKIP');
    expect(say(w, MEMBER, 'CHECK 4155550177')).toMatch(/^Heads Up: that number is in 1 alert/);
  });

  it("masks the reporter's own number in keycaps with bullets in an alert that must drop its emoji to fit", async () => {
    const w = await world();
    let reply = '';
    const where = '415 Motel 6 on Lombard St, second floor, the room at the back by the ice machine, parked outside';
    const person = `tall \u{1F621} beard, mine is ${keycaps('415\u2022555\u20220105')}, he has it`;
    for (const a of ['REPORT', '1 3', 'last Friday around 11:30pm', where, person, 'grey van', 'SKIP', 'SKIP', 'DONE']) reply = say(w, REPORTER, a);
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(refIn(reply)).not.toBe('');
    expect(notice).toContain('mine is [-], he has it');
    expect(notice).not.toContain('\u20E3');
    expect(notice.replace(/\D/g, '')).not.toContain('5550105');
  });
  it.each([
    ["the reporter's own number with the keycap ten in it", `tall \u{1F621} beard, mine is 415 555 0\u{1F51F}5, he has it`, 'CHECK 4155550105'],
    ['a keypad row in keycaps ending with the keycap ten', `tall \u{1F621} beard, pin ${keycaps('123456789')}\u{1F51F} lol`, 'CHECK 2345678910'],
  ])('shows no number a person reads in %s in an alert that must drop its emoji, nor indexes one', async (_how, person, check) => {
    const w = await world();
    let reply = '';
    const where = '415 Motel 6 on Lombard St, second floor, the room at the back by the ice machine, parked outside';
    for (const a of ['REPORT', '1 3', 'last Friday around 11:30pm', where, person, 'grey van', 'SKIP', 'SKIP', 'DONE']) reply = say(w, REPORTER, a);
    const ref = refIn(reply);
    // The notice shows the alert exactly as members will receive it: here without its emoji.
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(notice).toContain('Person: tall beard');
    expect(notice.replace(/\D/g, '')).not.toMatch(/5550105|2345678910/);
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, check)).toMatch(/^Heads Up: no alerts name that/);
  });
});
