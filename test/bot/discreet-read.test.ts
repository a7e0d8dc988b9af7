/**
 * READ for a discreet member, driven through the bot over a real SQLite
 * file and real crypto: alerts sent by a moderator, their fan-out planned
 * as the planner does, then read. What is checked is what the member is
 * told, and what a later READ still finds.
 */
import { MAX_ALERT_SEGMENTS } from '../../src/alerts/alert-text';
import { catalog, LANGS } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';
import type { Sender } from '../../src/phone/identity';
import { planNextRange } from '../../src/store/alerts';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

/** A line where new members are discreet, and a member of 415 who joined. */
async function world(): Promise<BotWorld & { alerts: number[] }> {
  const alerts: number[] = [];
  const w = await botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [sms(MOD)],
    discreet: { byDefault: true, timerSeconds: 0 },
    onAlert: (id) => alerts.push(id),
  });
  w.sms(ROSA, 'JOIN 415');
  return { ...w, alerts };
}

/** A moderator's alert to 415, its fan-out planned: the member has it unread. */
function alert(w: BotWorld & { alerts: number[] }, text: string): number {
  expect(w.sms(MOD, `ALERT 415 ${text}`).reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to 415\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
  const id = w.alerts[w.alerts.length - 1] as number;
  for (let i = 0; i < 10 && !planNextRange(w.db, id, w.clock.now).done; i++);
  w.clock.now += 60_000;
  return id;
}

/** The alert's sealed text no longer opens (a damaged value). */
function damage(w: BotWorld, alertId: number): void {
  w.db.sqlite.prepare('UPDATE alerts SET text_ct = randomblob(60) WHERE id = ?').run(alertId);
}

/** READ's answer as its messages: the reply, and the second message queued after it when it takes two. */
function readMessages(w: BotWorld): string[] {
  const before = w.queued(sms(ROSA)).length;
  const reply = w.sms(ROSA, 'READ').reply ?? '';
  const queued = w.queued(sms(ROSA)).map((q) => q.text);
  return [reply, ...queued.slice(before)];
}

/** READ's answer, its messages joined. */
function read(w: BotWorld): string {
  return readMessages(w).join('\n');
}

describe('READ with an alert that no longer opens', () => {
  it('shows the others and never counts it among the older ones', async () => {
    const w = await world();
    const damaged = alert(w, 'first: grey van, took my phone');
    alert(w, 'second: red pickup, would not pay');
    alert(w, 'third: blue sedan, choked a worker');
    damage(w, damaged);
    const answer = read(w);
    expect(answer).toContain('third: blue sedan');
    expect(answer).toContain('second: red pickup');
    expect(answer).not.toContain('older');
    expect(read(w)).toBe(t.readNone());
  });

  it('says nothing of older alerts when the only one left unread cannot be opened', async () => {
    const w = await world();
    const damaged = alert(w, 'first: grey van');
    // More alerts than one READ answer holds: the damaged one is the oldest, left for a later READ.
    const long = 'tall man, beard, red cap, calls himself Rick, says he is a cop, grabbed my arm and would not pay. '.repeat(3);
    for (let i = 0; i < 6; i++) alert(w, `${i}: ${long}`);
    damage(w, damaged);
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = read(w);
      answers.push(answer);
      if (answer === t.readNone()) break;
    }
    expect(answers[answers.length - 1]).toBe(t.readNone());
    expect(answers.filter((answer) => /older/.test(answer)).length).toBeGreaterThan(0);
    // Every READ that promised older alerts was followed by one that showed some.
    answers.forEach((answer, i) => {
      if (/older/.test(answer)) expect(answers[i + 1]).toMatch(/^\(415, /);
    });
  });
});

describe('READ with three unread alerts that each fill an alert\'s budget', () => {
  it('keeps every message within three segments, says how many wait, and shows them at the next READ', async () => {
    const w = await world();
    // The longest text the line accepts for 415: its alert is exactly three segments in the language where it costs most.
    const longest = Math.min(...LANGS.map((l) => 459 - catalog(l).alert(['415'], '').length));
    for (const c of ['A', 'B', 'C']) alert(w, `${c} ${'x'.repeat(longest - 2)}`);
    const answers = [readMessages(w), readMessages(w)];
    expect(answers.flat().filter((m) => smsSegments(m) > MAX_ALERT_SEGMENTS)).toEqual([]);
    // The second alert has no room for "+N older" beside it: it waits, counted, for the next READ.
    const shown = (messages: string[]) => messages.flatMap((m) => m.match(/\) [ABC] /g) ?? []).map((x) => x[2]);
    expect(answers.map(shown)).toEqual([['C'], ['B', 'A']]);
    expect(answers.map((messages) => /\+(\d) older/.exec(messages.join('\n'))?.[1])).toEqual(['2', undefined]);
    expect(read(w)).toBe(t.readNone());
  });
});
