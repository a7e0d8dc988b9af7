/**
 * How long reading the numbers of one hostile report takes: many short digit runs each followed by a word
 * ("415 5 a " x 200, 1,600 characters), each a count after a number to try apart. Prints milliseconds per call of
 * identifiersIn and maskNumber (a REPORT calls both), and for a short answer with an emoji; no network, no database. Run: npx tsx bench/numbers-in-text.ts
 */
import { identifiersIn } from '../src/alerts/identifiers';
import { MASK_MARGIN, maskNumber } from '../src/alerts/mask-number';
import { MAX_REPORT_TEXT } from '../src/bot/report-commands';

const HOSTILE = `${'415 5 a '.repeat(200)}`;
// One emoji in an ordinary answer: maskNumber compiled a pattern per digit form, ~0.5 s each on such a text.
const EMOJI = 'tall beard \u{1F621} came to room 12, paid $200';
const PLAIN = 'tall, beard, texts from 415 555 0177 5 times, plate 7ABC123, @rick_sf. '.repeat(20);

function ms(run: () => unknown, times: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < times; i++) run();
  return Number(process.hrtime.bigint() - start) / 1e6 / times;
}

for (const [name, text] of [['hostile', HOSTILE], ['plain', PLAIN], ['emoji', EMOJI]] as const) {
  const times = name === 'hostile' ? 1 : 5;
  console.log(`${name} (${text.length} chars): identifiersIn ${ms(() => identifiersIn(text), times).toFixed(1)} ms, maskNumber ${ms(() => maskNumber(text, '+14155550105', 'US'), times).toFixed(1)} ms`);
}

// A one-message REPORT of 4,000 hostile characters (Signal): masked whole before it was cut, now only the start kept.
const LONG = '1 1 1 1 5 times '.repeat(250);
const head = LONG.slice(0, MAX_REPORT_TEXT + 2 * MASK_MARGIN);
const whole = ms(() => maskNumber(LONG, '+14155550105', 'US'), 3);
const start = ms(() => maskNumber(head, '+14155550105', 'US'), 3);
console.log(`REPORT of ${LONG.length} chars: maskNumber on the whole ${whole.toFixed(1)} ms (before), on its first ${head.length} ${start.toFixed(1)} ms (now): ${(whole / start).toFixed(1)}x`);
