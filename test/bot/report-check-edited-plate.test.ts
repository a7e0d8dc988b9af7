/**
 * SPEC, CHECK: "a licence plate ... answers how many approved alerts name
 * it". A guided report's vehicle "grey Honda 7ABC123" was found by CHECK
 * once approved as it was, but not once a moderator EDITed it (pasting the
 * text SHOW gave, "Vehicle: grey Honda 7ABC123.", to fix something else),
 * nor in a one-message report naming it with its state ("grey Honda CA
 * 7ABC123"): a text was read without the vehicle reading, so a plate with no
 * "plate" word before it was never indexed, and CHECK called the car clean.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';
const refOf = (text: string) => /#([A-Z0-9]{4,6})/.exec(text)?.[1] as string;

function guided(w: BotWorld): string {
  for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6', 'tall', 'grey Honda 7ABC123', 'SKIP', 'SKIP']) say(w, REPORTER, a);
  return refOf(say(w, REPORTER, 'DONE'));
}

describe('CHECK of the plate of an approved alert', () => {
  it('finds it in a guided report approved as it is', async () => {
    const w = await world();
    say(w, MOD, `APPROVE ${guided(w)}`);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it('still finds it once a moderator EDITed the report with the text SHOW gave', async () => {
    const w = await world();
    const ref = guided(w);
    const alert = /Heads Up alert \(415\): (.*) -- STOP to end$/.exec(say(w, MOD, `SHOW ${ref}`))?.[1] as string;
    expect(alert).toBe('violence. When: Fri 11pm. Where: Motel 6. Person: tall. Vehicle: grey Honda 7ABC123.');
    expect(say(w, MOD, `EDIT ${ref} ${alert.replace('Person: tall.', 'Person: tall, beard.')}`)).toContain('edited');
    expect(say(w, MOD, `APPROVE ${ref}`)).toContain('approved');
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it('finds a plate a one-message report gives after its state', async () => {
    const w = await world();
    const ref = refOf(say(w, REPORTER, 'REPORT 415 robbed me, grey Honda CA 7ABC123'));
    say(w, MOD, `APPROVE ${ref}`);
    expect(say(w, MEMBER, 'CHECK CA 7ABC123')).not.toBe(t.checkNone());
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
