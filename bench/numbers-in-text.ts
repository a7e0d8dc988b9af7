/**
 * How long reading the numbers of one hostile one-message REPORT takes: its start masked and cut (maskKeptStart,
 * cutBetweenWords), then identifiersIn on what is kept, as report() does, for texts of ~4,000 characters of several
 * shapes (short runs each before a word, counts, long runs of one-digit groups, keycaps, bullets, hundreds of
 * numbers, dates and times, numbers beside them) and two ordinary ones. Prints, per shape, the least milliseconds of
 * ten, and the first REPORT's; no network, no database. Run: npx tsx bench/numbers-in-text.ts
 */
import { cleanAlertText } from '../src/alerts/alert-text';
import { identifiersIn } from '../src/alerts/identifiers';
import { maskKeptStart } from '../src/alerts/mask-number';
import { cutBetweenWords } from '../src/bot/cut-between-words';
import { MAX_REPORT_TEXT } from '../src/bot/report-commands';

const KEYCAP = '4\uFE0F\u20E3';
const numbers = (count: number, after: string) => Array.from({ length: count }, (_, i) => `415 555 ${String(200 + i).padStart(4, '0')}${after}`).join('');
const SHAPES: Record<string, string> = {
  'short runs before a word': '415 5 a '.repeat(500),
  'counts of ones': '1 1 1 1 5 times '.repeat(250),
  'one-digit groups': '4.1.5.5.5.5.0.1.7.7 '.repeat(200),
  'dots and spaces': '1. '.repeat(1333),
  keycaps: Array.from('41555501775 ', (d) => `${d}\uFE0F\u20E3`).join('').repeat(100),
  bullets: '415 \u2022 555 \u2022 0177 \u2022 '.repeat(200),
  'numbers and words': numbers(220, ' then '),
  'numbers, counts, keycaps': `${KEYCAP} ${numbers(150, ' 5 x ')}`,
  // Her number masked: what is indexed is not the text masked, each is read.
  'hers, numbers, counts': `mine 415 555 0105 ${KEYCAP} ${numbers(150, ' 5 x ')}`,
  'keycap, bullet, count': `${KEYCAP} \u2022 415 555 0177 5 x 1. 1. `.repeat(100),
  'seven one-digit groups': '1 2 3 4 5 6 7:'.repeat(285),
  'dates and times': `${'5/12/2024 10:30-11:45, '.repeat(170)} 628 555 0177`,
  // An honest report: dates and times she saw him, then the number he texted from.
  'dates, then a number':
    'Saw him 5/12/2024 10:30-11:45, 5/19/2024 10:30-11:45, 5/26/2024 22:00-23:15, 6/2/2024 21:00-22:30. ' +
    'Last night he choked me, texts from 628 555 0177',
  // Numbers beside times and dates, each read alone since these are blanked: the bound of groups is what stops them.
  'numbers beside times': numbers(140, ' 10:30pm 5/12, '),
  'hers beside times': `${'at 10:30 415 555 0105 5/12, '.repeat(140)}`,
  ordinary: 'tall, beard, texts from 415 555 0177 5 times, plate 7ABC123, @rick_sf. '.repeat(55),
};

/** One REPORT's reading of its numbers, as report() does it for a reporter of +1 415 555 0105. */
function reportReading(text: string): number {
  const start = maskKeptStart(cleanAlertText(text), '+14155550105', 'US', MAX_REPORT_TEXT);
  const { text: body } = cutBetweenWords(start.text, start.keep, 'US');
  return identifiersIn(body, { country: 'US' }).length;
}

function ms(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// The first REPORT a process reads compiles libphonenumber's patterns: timed apart, on an ordinary text.
console.log(`first REPORT of the process: ${ms(() => reportReading(SHAPES.ordinary as string)).toFixed(1)} ms`);
for (const [name, text] of Object.entries(SHAPES)) {
  // A different word first each time: ten texts, as ten REPORTs would be, not one text read ten times.
  const least = Math.min(...Array.from({ length: 10 }, (_, i) => ms(() => reportReading(`${'abcdefghijk'[i]} ${text}`))));
  console.log(`${name.padEnd(26)} ${String(text.length).padStart(5)} chars: ${least.toFixed(1).padStart(6)} ms (least of 10), ${reportReading(text)} identifiers`);
}
