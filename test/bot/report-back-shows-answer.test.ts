/**
 * After BACK, the question she returns to says what she answered it before, and that SKIP keeps it: a member who
 * went back to check and skipped forward kept her answer (the client's number among them) without seeing it.
 * Her answer is clipped by whole words to keep the message within its segments, and goes only to her.
 */
import { catalog, LANGS } from '../../src/bot/catalog';
import { askAgain, plainQuote } from '../../src/bot/earlier-answer';
import { CATEGORIES, MAX_ANSWER, newDraft, type Draft } from '../../src/bot/report-dialogue';
import { gsm7Length, smsSegments } from '../../src/bot/sms-segments';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const answer = (w: BotWorld, answers: string[]): string => answers.map((a) => say(w, REPORTER, a)).pop() ?? '';

const ANSWERS = ['REPORT', '1 3', 'last night 11pm', '415 Motel 6 Lombard', 'tall, beard', 'grey van 7ABC123', '415-555-0177 @ricky_sf'];

describe('BACK to a question she answered', () => {
  it('shows her answer and says SKIP keeps it; SKIP does, and the report is filed with it', async () => {
    const w = await world();
    answer(w, ANSWERS);
    expect(say(w, REPORTER, 'BACK')).toBe('You said: "415-555-0177 @ricky_sf". SKIP keeps it, or answer again.\nHow did they contact you? Phone, email, ad link, @handle or site. Or SKIP.');
    say(w, REPORTER, 'SKIP');
    say(w, REPORTER, 'DONE');
    const notice = w.queued(sms(MOD)).map((m) => m.text).join('\n');
    expect(notice).toContain('Contact: +14155550177, @ricky_sf.');
  });

  it.each([
    [6, 'You said: "1 3".', 'What happened?'],
    [4, 'You said: "415 Motel 6 Lombard".', 'Where?'],
    [3, 'You said: "tall, beard".', 'The person:'],
  ])('BACK %i times: the question shows the answer it has (%s)', async (times, said, question) => {
    const w = await world();
    answer(w, ANSWERS);
    const reply = answer(w, Array<string>(times).fill('BACK'));
    expect(reply.startsWith(`${said} SKIP keeps it, or answer again.\n`)).toBe(true);
    expect(reply).toContain(question);
  });

  it('going forward again with SKIP, each answered question still shows its answer', async () => {
    const w = await world();
    answer(w, ANSWERS);
    answer(w, ['BACK', 'BACK']);
    expect(say(w, REPORTER, 'SKIP')).toMatch(/^You said: "415-555-0177 @ricky_sf"\. SKIP keeps it/);
  });

  it('a question she skipped is asked plainly', async () => {
    const w = await world();
    answer(w, ['REPORT', '1', 'SKIP', 'SKIP']);
    expect(say(w, REPORTER, 'BACK')).toBe(catalog('en').reportAsk('where'));
  });

  it('"Where?" asked the first time after REPORT named an area is asked plainly: the area was no answer to it', async () => {
    const w = await world();
    expect(answer(w, ['REPORT 415', '1', 'last night'])).toBe(catalog('en').reportAsk('where'));
  });

  it('clips a long answer by whole words, within two segments', async () => {
    const w = await world();
    const long = 'Tall, grey beard, said his name was Mike and that he was a cop, drove off fast. '.repeat(4).trim();
    answer(w, ['REPORT', '1', 'SKIP', 'SKIP', long]);
    const reply = say(w, REPORTER, 'BACK');
    const quoted = /^You said: "(.*)\.\.\."\. SKIP keeps it/.exec(reply)?.[1] ?? '';
    expect(quoted.length).toBeGreaterThan(40);
    // Whole words: what follows the quote in her answer is a space, or a comma the quote left out.
    expect(long.startsWith(quoted)).toBe(true);
    expect(long.slice(quoted.length)).toMatch(/^,? /);
    expect(smsSegments(reply)).toBe(2);
  });

  it('in Spanish', async () => {
    const w = await world();
    answer(w, ['REPORTE', '1 3', 'anoche', '415 Motel 6', 'alto, barba', 'van gris placa 7ABC123']);
    expect(say(w, REPORTER, 'ATRAS')).toBe('Dijiste: "van gris placa 7ABC123". SALTAR lo deja, o responde de nuevo.\n¿Vehiculo y placa? ej. Honda gris, placa 7ABC123 CA. O SALTAR.');
  });
});

describe('the question asked again with her answer, in every language', () => {
  const STEPS = ['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other'] as const;
  // Worst cases: as long as an answer is kept, one word that long, accents GSM-7 lacks, emoji, another alphabet.
  const WORST = [
    'Tall grey beard, said his name was Mike and that he was a cop. '.repeat(5).slice(0, 300),
    `https://example.com/${'a'.repeat(280)}`,
    'Hôtel Martínez, ação, coração, ĉiu 😡 '.repeat(8).slice(0, 300),
    'Яков, высокий, 415-555-0177 '.repeat(11).slice(0, 300),
  ];
  // Every category picked, for "what happened" (its answer is the list's numbers).
  const draftAt = (step: (typeof STEPS)[number], said: string): Draft & { step: (typeof STEPS)[number] } => ({
    ...newDraft(step === 'where' ? ['415'] : []),
    categories: [...CATEGORIES],
    step,
    ...(step === 'what' ? {} : { [step]: said }),
  });

  it.each(LANGS)('stays GSM-7, within two segments (three after the notice of an answer cut), the question whole (%s)', (lang) => {
    const t = catalog(lang);
    for (const step of STEPS) {
      for (const said of WORST) {
        for (const prefix of ['', `${t.reportAnswerCut(MAX_ANSWER)}\n`]) {
          const text = askAgain(t, draftAt(step, said), prefix);
          expect({ step, said, segments: smsSegments(text) <= (prefix ? 3 : 2), gsm7: gsm7Length(text) !== null }).toEqual({ step, said, segments: true, gsm7: true });
          expect(text.startsWith(prefix)).toBe(true);
          expect(text.endsWith(`\n${t.reportAsk(step)}`)).toBe(true);
          expect(text).toContain(t.reportYouSaid('').split('""')[0] ?? 'no frame');
        }
      }
    }
  });

  it.each([
    ['Hôtel Martínez, ação', 'Hotel Martinez, acao'],
    ['4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3-555-0177 😡', '415-555-0177'],
    ['Яков, 415-555-0177', '..., 415-555-0177'],
    ['😡😡', '...'],
    ['around \u{1F51F}pm', 'around 10pm'],
  ])('quotes %j as %j', (said, quoted) => {
    expect(plainQuote(said)).toBe(quoted);
  });
});
