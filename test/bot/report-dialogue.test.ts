/**
 * The guided REPORT: the pure dialogue (a draft and an answer in, the next
 * draft out), then the dialogue as members and moderators live it, through
 * the bot over a real SQLite file with a clock the test moves: questions in
 * order, answers kept sealed, CANCEL and DROP, STOP, HELP and DELETE in the
 * middle, the time limit, a restart, and nothing sent to members before a
 * moderator approves.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import { answerDraft, categoriesOf, controlWord, draftConversation, draftOf, DRAFT_MS, newDraft, type Draft, type Next } from '../../src/bot/report-dialogue';
import { expireReportDrafts } from '../../src/jobs/report-drafts';
import { countAlerts, planNextRange } from '../../src/store/alerts';
import { findConversation, saveConversation } from '../../src/store/conversations';
import { Db } from '../../src/store/db';
import { findMember, memberIndex } from '../../src/store/members';
import { Vault } from '../../src/store/vault';
import { newBot, type BotWorld } from '../helpers/bot-world';
import { findNeedlesInFile, numberForms } from '../helpers/needles';
import { MEMBER, MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

/** How many leading words are 3-digit codes: as Regions.areaWords counts them on a line of codes alone. */
const areaWords = (words: string[]) => {
  const n = words.findIndex((w) => !/^\d{3}$/.test(w));
  return n < 0 ? words.length : n;
};

function draftAfter(next: Next): Draft {
  if (next.kind === 'cancel') throw new Error('cancelled');
  return next.draft;
}

describe('the guided report dialogue', () => {
  it('asks the questions in order and keeps each answer', () => {
    let d = newDraft([]);
    const steps: string[] = [d.step];
    for (const answer of ['1 3', 'last night 11pm', '415 Motel 6 Lombard', 'tall, beard, says Rick', 'grey van 7ABC123', '415-555-0177', 'he took my phone']) {
      d = draftAfter(answerDraft(d, answer, areaWords));
      steps.push(d.step);
    }
    expect(steps).toEqual(['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other', 'review']);
    expect(d).toEqual({
      step: 'review',
      categories: ['violence', 'robbery'],
      areas: ['415'],
      when: 'last night 11pm',
      where: 'Motel 6 Lombard',
      person: 'tall, beard, says Rick',
      vehicle: 'grey van 7ABC123',
      contact: '415-555-0177',
      other: 'he took my phone',
    });
  });

  it('SKIP moves on without an answer, BACK goes to the previous question, never before the first', () => {
    let d = draftAfter(answerDraft(newDraft([]), 'skip', areaWords));
    expect(d).toMatchObject({ step: 'when', categories: [] });
    d = draftAfter(answerDraft(d, 'BACK', areaWords));
    expect(d.step).toBe('what');
    d = draftAfter(answerDraft(d, 'atras', areaWords));
    expect(d.step).toBe('what');
    d = draftAfter(answerDraft(d, 'Saltar', areaWords));
    expect(d.step).toBe('when');
  });

  it('asks again when "what happened" is not numbers from the list', () => {
    const next = answerDraft(newDraft([]), 'he hit me', areaWords);
    expect(next.kind).toBe('again');
    expect(categoriesOf('1, 7 y 9')).toEqual(['violence', 'time-waster', 'other']);
    expect(categoriesOf('0')).toBeNull();
  });

  it('DONE files what there is, but not an empty draft; DROP, CANCEL and CANCELAR throw it away', () => {
    expect(answerDraft(newDraft([]), 'DONE', areaWords).kind).toBe('empty');
    const d = draftAfter(answerDraft(newDraft([]), '2', areaWords));
    expect(answerDraft(d, 'done', areaWords)).toEqual({ kind: 'file', draft: d });
    expect(answerDraft(d, 'LISTO', areaWords).kind).toBe('file');
    for (const w of ['DROP', 'cancel', 'CANCELAR', 'descartar']) expect(answerDraft(d, w, areaWords)).toEqual({ kind: 'cancel' });
    // A control word inside a sentence is an answer.
    expect(controlWord('he said we are done')).toBeUndefined();
  });

  it('keeps areas given with REPORT unless the "where" answer names others', () => {
    let d: Draft = { ...newDraft(['628']), step: 'where' };
    expect(draftAfter(answerDraft(d, 'the Mission', areaWords))).toMatchObject({ areas: ['628'], where: 'the Mission' });
    d = { ...newDraft(['628']), step: 'where' };
    expect(draftAfter(answerDraft(d, '415, 510 downtown', areaWords))).toMatchObject({ areas: ['415', '510'], where: 'downtown' });
  });

  it('bounds each answer', () => {
    const d: Draft = { ...newDraft([]), step: 'person' };
    expect(draftAfter(answerDraft(d, 'x'.repeat(5000), areaWords)).person).toHaveLength(300);
  });

  it('survives the conversation store: what is saved reads back, and a tampered draft reads as none', () => {
    const d = draftAfter(answerDraft(newDraft(['415']), '1', areaWords));
    const c = draftConversation(d, 'es', 1_000, { channel: 'sms' });
    expect(c.expiresAt).toBe(1_000 + 30 * 60_000);
    expect(draftOf(c)).toEqual({ ...d, when: undefined, where: undefined, person: undefined, vehicle: undefined, contact: undefined, other: undefined });
    expect(draftOf({ ...c, answers: { draft: '{"step":"nope"}' } })).toBeUndefined();
    expect(draftOf({ ...c, answers: { draft: 'not json' } })).toBeUndefined();
  });

  it('takes a control word only as the whole answer, whatever the spacing around it', () => {
    expect(controlWord(' done\n')).toBe('done');
    expect(controlWord('\tDROP ')).toBe('cancel');
    // French typing: a space before the mark.
    expect(controlWord('Annuler !')).toBe('cancel');
    expect(controlWord('Passer !')).toBe('skip');
    expect(controlWord('Envoyer ?')).toBe('done');
    expect(controlWord('!')).toBeUndefined();
    expect(controlWord('done with him')).toBeUndefined();
    expect(controlWord('skip')).toBe('skip');
    // A sentence that starts with one is an answer.
    const d: Draft = { ...newDraft([]), step: 'other' };
    expect(draftAfter(answerDraft(d, 'done with him, he is dangerous', areaWords))).toMatchObject({ step: 'review', other: 'done with him, he is dangerous' });
    expect(draftAfter(answerDraft({ ...d, step: 'person' }, 'back tattoo, tall', areaWords))).toMatchObject({ step: 'vehicle', person: 'back tattoo, tall' });
  });

  it('keeps the categories in the list order, each once, however they were typed', () => {
    expect(categoriesOf('3 1')).toEqual(['violence', 'robbery']);
    expect(categoriesOf('9,2,2 y 1')).toEqual(['violence', 'sexual-assault', 'other']);
    expect(draftAfter(answerDraft(newDraft([]), '8 7', areaWords)).categories).toEqual(['time-waster', 'no-show']);
  });

  it('reads emoji keycap digits as the digits of the list, with the emoji selector or without', () => {
    expect(categoriesOf('1\uFE0F\u20E3 3\uFE0F\u20E3')).toEqual(['violence', 'robbery']);
    expect(categoriesOf('2\u20E3, 5\uFE0F\u20E3')).toEqual(['sexual-assault', 'threats']);
    expect(categoriesOf('0\uFE0F\u20E3')).toBeNull();
  });

  it('DONE files a draft with any answer, even without "what happened"; an answer left empty is none', () => {
    const when: Draft = { ...newDraft([]), step: 'where', when: 'Fri 11pm' };
    expect(answerDraft(when, 'DONE', areaWords)).toEqual({ kind: 'file', draft: when });
    const other: Draft = { ...newDraft([]), step: 'review', other: 'he knows where I live' };
    expect(answerDraft(other, 'send', areaWords)).toEqual({ kind: 'file', draft: other });
    // A stored draft may hold an empty answer: still nothing to send.
    const blank: Draft = { ...newDraft([]), step: 'where', when: '', person: '' };
    expect(answerDraft(blank, 'DONE', areaWords)).toEqual({ kind: 'empty', draft: blank });
  });

  it('reads the report back at the end: SKIP stays there, BACK goes to the last question, anything else reads it back unchanged', () => {
    const review: Draft = { ...newDraft(['415']), step: 'review', categories: ['robbery'], other: 'he took my phone' };
    expect(answerDraft(review, 'SKIP', areaWords)).toEqual({ kind: 'ask', draft: review });
    expect(answerDraft(review, 'what now?', areaWords)).toEqual({ kind: 'ask', draft: review });
    expect(draftAfter(answerDraft(review, 'BACK', areaWords))).toEqual({ ...review, step: 'other' });
  });

  it('collapses whitespace in an answer, and takes an empty answer as SKIP', () => {
    const d: Draft = { ...newDraft([]), step: 'when' };
    expect(draftAfter(answerDraft(d, 'last  night\n\n 11pm', areaWords)).when).toBe('last night 11pm');
    expect(answerDraft(newDraft([]), '  \n ', areaWords)).toEqual({ kind: 'ask', draft: { ...newDraft([]), step: 'when' } });
    expect(answerDraft(d, '   ', areaWords)).toEqual({ kind: 'ask', draft: { ...d, step: 'where' } });
  });

  it('takes leading area words from the "where" answer (twelve words at most) and keeps the place given before when only areas come', () => {
    const d: Draft = { ...newDraft(['628']), step: 'where', where: 'Motel 6' };
    expect(draftAfter(answerDraft(d, '510 415', areaWords))).toMatchObject({ step: 'person', areas: ['510', '415'], where: 'Motel 6' });
    const codes = ['201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '212', '213'];
    expect(draftAfter(answerDraft(d, `${codes.join(' ')} 214 Motel 6`, areaWords))).toMatchObject({ areas: codes, where: '214 Motel 6' });
    expect(draftAfter(answerDraft(d, '415... by the pier', areaWords))).toMatchObject({ areas: ['415'], where: 'by the pier' });
    // A time is not an area: only punctuation at the end of a word is dropped.
    expect(draftAfter(answerDraft(d, '4.15 am at the bus stop', areaWords))).toMatchObject({ areas: ['628'], where: '4.15 am at the bus stop' });
  });

  it('bounds what a stored draft gives back: each answer, the categories it knows, twenty areas', () => {
    const stored = {
      step: 'other',
      categories: ['violence', 'nope', 3, 'no-show'],
      areas: [...Array.from({ length: 30 }, (_, i) => String(200 + i)), 7],
      when: 'w'.repeat(1000),
      where: 42,
      person: 'tall',
    };
    const holding = (draft: object) => ({ ...draftConversation(newDraft([]), 'en', 0, {}), answers: { draft: JSON.stringify(draft) } });
    const d = draftOf(holding(stored));
    expect(d).toMatchObject({ step: 'other', person: 'tall' });
    expect(d?.step).toBe('other');
    expect(d?.categories).toEqual(['violence', 'no-show']);
    expect(d?.areas).toEqual(Array.from({ length: 20 }, (_, i) => String(200 + i)));
    expect(d?.when).toHaveLength(300);
    expect(d?.where).toBeUndefined();
    expect(d?.person).toBe('tall');
    expect(draftOf(holding({ ...stored, areas: [415, null, '628'] }))?.areas).toEqual(['628']);
  });
});

const t = catalog('en');

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
/** The reporter's open conversation, through the store. */
const openDraft = (w: BotWorld, who = REPORTER) => findConversation(w.db, w.vault, memberIndex(w.vault, sms(who)), w.clock.now);
const toModerators = (w: BotWorld) => w.queued(sms(MOD)).map((m) => m.text);
/** What members would receive: their queued messages and any alert. */
const toMembers = (w: BotWorld) => ({ member: w.queued(sms(MEMBER)).map((m) => m.text), alerts: countAlerts(w.db) });
const lapse = (w: BotWorld) => w.db.transaction(() => expireReportDrafts(w.bot.message, w.bot.message.rules, w.clock.now));
const refIn = (text: string) => /#[A-Z0-9]{4,6}/.exec(text)?.[0] ?? 'no reference';

describe('the guided report, as members and moderators see it', () => {
  it('asks one question per message, keeps the answers sealed, reads them back, and on DONE tells the moderators, not the members', async () => {
    const w = await world();
    const replies = ['REPORT', '1 3', 'Fri 11pm', '415 Motel 6 on Lombard', 'tall, beard, calls himself Rick', 'grey van 7ABC123', '(415) 555-0177', 'he knows where I live'].map((a) => say(w, REPORTER, a));
    expect(replies.slice(0, 7)).toEqual(['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other'].map((s) => t.reportAsk(s as never)));
    const review = replies[7] as string;
    for (const part of ['violence, robbery', 'Fri 11pm', 'Motel 6 on Lombard', 'calls himself Rick', '7ABC123', '+14155550177', 'DONE']) expect(review).toContain(part);
    expect(openDraft(w)).toMatchObject({ topic: 'report', question: 'review', lang: 'en', expiresAt: w.clock.now + DRAFT_MS });
    // The answers are in the file only sealed.
    w.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(findNeedlesInFile(w.file, ['Motel 6', 'calls himself Rick', 'grey van', 'knows where I live', 'Fri 11pm'])).toEqual([]);
    // Nothing has gone anywhere yet.
    expect(toModerators(w)).toEqual([]);

    const done = say(w, REPORTER, 'DONE');
    const ref = refIn(done);
    expect(done).toBe(t.reportReceived(ref, ['415']));
    const notices = toModerators(w);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(ref);
    expect(notices[0]).toContain('violence, robbery');
    expect(notices[0]).toContain('Note: he knows where I live');
    expect(notices[0]).not.toContain(REPORTER);
    expect(toMembers(w)).toEqual({ member: [], alerts: 0 });
    expect(openDraft(w)).toBeUndefined();
    // The next message is no answer.
    expect(say(w, REPORTER, 'tall')).not.toBe(t.reportAsk('vehicle'));
  });

  it("never carries the reporter's own number to the moderators, in the answer to 'anything else' either", async () => {
    const w = await world();
    for (const answer of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', '415-555-0177', `call me back at ${REPORTER.slice(2, 5)}-${REPORTER.slice(5, 8)}-${REPORTER.slice(8)}`]) say(w, REPORTER, answer);
    say(w, REPORTER, 'DONE');
    const notices = toModerators(w);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Note: call me back at');
    for (const form of numberForms(REPORTER)) expect(notices[0]).not.toContain(form);
  });

  it.each([
    ['her WhatsApp link', (d: string) => `he messaged me from my ad, wa.me/${d}`],
    ['her Telegram-by-number link', (d: string) => `texted my t.me/+${d}`],
    ['her number in an email', (d: string) => `wrote to ${d.slice(1)}@example.com`],
  ])("never carries the reporter's own number inside %s: not to the moderators, SHOW, the alert or CHECK", async (_what, contact) => {
    const w = await world();
    const digits = REPORTER.slice(1);
    for (const answer of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', contact(digits)]) say(w, REPORTER, answer);
    say(w, REPORTER, 'SKIP');
    const ref = /#[A-Z0-9]{4,6}/.exec(say(w, REPORTER, 'DONE'))?.[0] as string;
    const notices = toModerators(w);
    expect(notices).toHaveLength(1);
    const show = say(w, MOD, `SHOW ${ref.slice(1)}`);
    expect(show).toContain('Contact:');
    for (const text of [notices[0] as string, show]) for (const form of [digits, digits.slice(1)]) expect(text).not.toContain(form);
    say(w, MOD, `APPROVE ${ref.slice(1)}`);
    expect(say(w, MEMBER, `CHECK ${REPORTER}`)).toBe(say(w, MEMBER, 'CHECK +14155550000'));
  });

  it('throws the draft away on CANCEL or DROP: nothing filed, nothing kept', async () => {
    const w = await world();
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportAsk('what'));
    expect(say(w, REPORTER, '1')).toBe(t.reportAsk('when'));
    expect(say(w, REPORTER, 'cancel')).toBe(t.reportCancelled());
    expect(openDraft(w)).toBeUndefined();
    expect(say(w, REPORTER, 'Fri 11pm')).not.toBe(t.reportAsk('where'));
    say(w, REPORTER, 'REPORT 415');
    say(w, REPORTER, '2');
    say(w, REPORTER, 'Fri 11pm');
    expect(say(w, REPORTER, 'DROP')).toBe(t.reportCancelled());
    expect(openDraft(w)).toBeUndefined();
    expect(toModerators(w)).toEqual([]);
    expect(say(w, MOD, 'PENDING')).toBe('Nothing pending.');
    // Nothing lapses later either.
    w.clock.now += DRAFT_MS + 60_000;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
  });

  it('STOP in the middle unsubscribes and ends the draft', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '1');
    expect(say(w, REPORTER, 'STOP')).toBe(t.stopped('sms'));
    expect(findMember(w.db, w.vault, sms(REPORTER))?.status).not.toBe('active');
    expect(openDraft(w)).toBeUndefined();
    w.clock.now += DRAFT_MS;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    expect(toModerators(w)).toEqual([]);
  });

  it('takes an answer that opens with a stop word ("End of my shift", Spanish "Alto" for tall) as the answer', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '1');
    expect(say(w, REPORTER, 'End of my shift, about 2am')).toBe(t.reportAsk('where'));
    expect(say(w, REPORTER, '415 Motel 6 on Lombard')).toBe(t.reportAsk('person'));
    expect(findMember(w.db, w.vault, sms(REPORTER))?.status).toBe('active');
    // A request to stop is still one.
    expect(say(w, REPORTER, 'STOP texting me')).toBe(t.stopped('sms'));
    expect(openDraft(w)).toBeUndefined();

    const es = catalog('es');
    const v = await world();
    for (const [answer, next] of [['REPORTAR', 'what'], ['1', 'when'], ['anoche 11pm', 'where'], ['415 Motel 6', 'person'], ['Alto, moreno, con barba', 'vehicle']] as const) {
      expect(say(v, REPORTER, answer)).toBe(es.reportAsk(next));
    }
    expect(findMember(v.db, v.vault, sms(REPORTER))?.status).toBe('active');
    // Alone it is the answer only where she describes him or his car (a Suzuki Alto); at the contact question, STOP.
    expect(say(v, REPORTER, 'alto')).toBe(es.reportAsk('contact'));
    expect(say(v, REPORTER, 'alto')).toBe(es.stopped('sms'));
  });

  it('the draft job erases every lapsed conversation, a question that is no draft or will not open too', async () => {
    const w = await world();
    const key = memberIndex(w.vault, sms(MEMBER));
    saveConversation(w.db, w.vault, key, { topic: 'join-area', question: 'area', answers: {}, lang: 'en', expiresAt: w.clock.now + 1 }, w.clock.now);
    const odd = memberIndex(w.vault, sms('+14155550177'));
    w.db.sqlite.prepare('INSERT INTO conversations (sender_bidx, state_ct, key_version, expires_at, updated_at) VALUES (?, ?, 1, ?, ?)').run(odd, Buffer.alloc(64, 7), w.clock.now + 1, w.clock.now);
    w.clock.now += 2;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
  });

  it('files a lapsed draft its job has not reached yet before a new REPORT replaces it', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '1');
    say(w, REPORTER, 'Fri 11pm');
    // Another member's draft lapses too: it is the job's.
    say(w, MEMBER, 'REPORT');
    say(w, MEMBER, '2');
    w.clock.now += DRAFT_MS + 1;
    // The job runs once a minute; she starts another report first.
    expect(say(w, REPORTER, 'REPORT')).toBe(t.reportAsk('what'));
    expect(toModerators(w).filter((n) => n.includes('violence'))).toHaveLength(1);
    expect(w.queued(sms(REPORTER)).map((m) => m.text)).toEqual([expect.stringMatching(/#[A-Z0-9]{4,6}/)]);
    expect(openDraft(w)).toMatchObject({ topic: 'report', question: 'what' });
    expect(lapse(w)).toEqual({ filed: 1, dropped: 0 });
  });

  it('HELP in the middle answers with the help and leaves the question open', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '1');
    expect(say(w, REPORTER, 'HELP')).toBe(t.help());
    expect(openDraft(w)).toMatchObject({ topic: 'report', question: 'when' });
    expect(say(w, REPORTER, 'Fri 11pm')).toBe(t.reportAsk('where'));
  });

  it('DELETE in the middle erases the draft with everything else; nothing lapses later', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '1 2');
    say(w, REPORTER, 'Fri 11pm');
    expect(say(w, REPORTER, 'DELETE')).toBe(t.deleted('sms'));
    expect(findMember(w.db, w.vault, sms(REPORTER))).toBeUndefined();
    expect(openDraft(w)).toBeUndefined();
    w.clock.now += DRAFT_MS + 60_000;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    expect(toModerators(w)).toEqual([]);
  });

  it('erases lapsed drafts that will not open, a hundred at a time, and files the good one behind them at the next run', async () => {
    const w = await world();
    for (let i = 0; i < 120; i++) say(w, `+1206301${String(i).padStart(4, '0')}`, 'REPORT');
    // Their sealed states no longer open (damaged values).
    w.db.sqlite.prepare('UPDATE conversations SET state_ct = randomblob(80)').run();
    w.clock.now += 1;
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '2');
    w.clock.now += DRAFT_MS;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    expect(lapse(w)).toEqual({ filed: 1, dropped: 0 });
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
    expect(w.queued(sms(REPORTER)).map((m) => m.text)).toEqual([t.reportDraftFiled(refIn(w.queued(sms(REPORTER))[0]?.text ?? ''), ['415'])]);
  });

  it('waits 30 minutes after each answer; then the draft is filed if it says what happened (or dropped), and the member told', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    say(w, REPORTER, '2');
    // Each answer gives the draft its full time again.
    w.clock.now += DRAFT_MS - 1;
    expect(say(w, REPORTER, 'Fri 11pm')).toBe(t.reportAsk('where'));
    say(w, MEMBER, 'REPORT');
    say(w, MEMBER, 'skip');
    w.clock.now += DRAFT_MS - 1;
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    w.clock.now += 1;
    // A message after the time limit is a new command, not an answer.
    expect(say(w, REPORTER, '415 Motel 6')).not.toBe(t.reportAsk('person'));
    expect(lapse(w)).toEqual({ filed: 1, dropped: 1 });
    expect(lapse(w)).toEqual({ filed: 0, dropped: 0 });
    const told = w.queued(sms(REPORTER)).map((m) => m.text);
    expect(told).toHaveLength(1);
    const ref = refIn(told[0] as string);
    expect(told[0]).toBe(t.reportDraftFiled(ref, ['415']));
    expect(toModerators(w).filter((n) => n.includes(ref))).toHaveLength(1);
    expect(toModerators(w).find((n) => n.includes(ref))).toContain('sexual assault');
    expect(w.queued(sms(MEMBER)).map((m) => m.text)).toEqual([t.reportDraftDropped()]);
    expect(countAlerts(w.db)).toBe(0);
    expect(openDraft(w)).toBeUndefined();
    expect(openDraft(w, MEMBER)).toBeUndefined();
  });

  it('survives a restart: the same file reopened continues the draft', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT 415');
    say(w, REPORTER, '5');
    say(w, REPORTER, 'last night');
    w.db.close();
    const db = new Db(w.file);
    const vault = new Vault(new Uint8Array(32).fill(5));
    const bot = newBot(db, vault, w.clock, { moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    let n = 0;
    const again = (text: string) => bot.handle({ sender: sms(REPORTER), text, providerId: `SMrestart${++n}` }).reply ?? '';
    try {
      expect(again('Motel 6')).toBe(t.reportAsk('person'));
      const done = again('DONE');
      expect(done).toBe(t.reportReceived(refIn(done), ['415']));
      expect(findConversation(db, vault, memberIndex(vault, sms(REPORTER)), w.clock.now)).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

// Glued to letters in her own handle or link, her number is no identifier libphonenumber finds: masked all the same.
describe("the reporter's own number inside her handle, in a guided report's contact answer", () => {
  it.each([
    ['her Instagram handle', (n: string) => `he found me from my insta @sara${n}`],
    ['her OnlyFans link', (n: string) => `he paid through my onlyfans.com/sara${n}`],
  ])('is not carried by %s to the moderators or the alert', async (_what, contact) => {
    const w = await world();
    const national = REPORTER.slice(2);
    for (const answer of ['REPORT', '1', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', contact(national), 'SKIP']) say(w, REPORTER, answer);
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] as string;
    const notices = w.queued(sms(MOD)).map((m) => m.text);
    const show = say(w, MOD, `SHOW ${ref}`);
    for (const text of [...notices, show]) expect(text).not.toContain(national);
    expect(say(w, MOD, `APPROVE ${ref}`)).toContain('approved');
    const id = (w.db.sqlite.prepare('SELECT max(id) AS id FROM alerts').get() as { id: number }).id;
    for (let i = 0; i < 10 && !planNextRange(w.db, id, w.clock.now).done; i++);
    expect(new AlertRenderer(w.db, w.vault).render(id, 'en') ?? '').not.toContain(national);
  });
});
