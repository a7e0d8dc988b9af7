/**
 * A guided report keeps MAX_ANSWER characters of each answer. Past that she
 * is told, with the next question, so that what was cut (the client's number
 * she put last) goes in a later answer; and the cut falls between words:
 * half a number is no one's, and CHECK could never find it.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { MAX_ANSWER } from '../../src/bot/report-dialogue';
import { findReport } from '../../src/store/reports';
import { botWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld } from '../helpers/report-world';

const refOf = (reply: string) => /#([A-Z0-9]{4,6})/.exec(reply)![1]!;

// 291 characters about him, then the number across the 300th character.
const story = 'Tall, grey beard, said his name was Mike and that he was a cop. '.repeat(5).slice(0, 291);
const long = `${story} 415-555-0177 is the number he texted from.`;

describe('a guided report answer longer than a report keeps', () => {
  it('keeps its start up to the last whole word, and the next question says the rest was not kept', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm', '415 Motel 6']) w.sms(REPORTER, a);
    const next = w.sms(REPORTER, long).reply;
    const t = catalog('en');
    expect(next).toBe(`${t.reportAnswerCut(MAX_ANSWER)}\n${t.reportAsk('vehicle')}`);
    for (const a of ['SKIP', 'SKIP', 'SKIP']) w.sms(REPORTER, a);
    const filed = findReport(w.db, w.vault, refOf(w.sms(REPORTER, 'DONE').reply ?? ''))!;
    expect(filed.fields?.fields.person).toBe(story);
  });

  it('asks the next question as ever when the answer fits', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm', '415 Motel 6']) w.sms(REPORTER, a);
    expect(w.sms(REPORTER, story).reply).toBe(catalog('en').reportAsk('vehicle'));
  });

  it('tells her in her language, before the read-back after the last question', async () => {
    const w = await reportWorld();
    for (const a of ['DENUNCIA', '1', 'sex 23h', '415 Motel 6', 'PULAR', 'PULAR', 'PULAR']) w.sms(REPORTER, a);
    const review = w.sms(REPORTER, long).reply ?? '';
    expect(review.startsWith(`${catalog('pt').reportAnswerCut(MAX_ANSWER)}\nSua denuncia (415): `)).toBe(true);
  });

  it('keeps a "where" answer cut between words too', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm']) w.sms(REPORTER, a);
    expect(w.sms(REPORTER, `415 ${long}`).reply).toBe(`${catalog('en').reportAnswerCut(MAX_ANSWER)}\n${catalog('en').reportAsk('person')}`);
    for (const a of ['SKIP', 'SKIP', 'SKIP', 'SKIP']) w.sms(REPORTER, a);
    const filed = findReport(w.db, w.vault, refOf(w.sms(REPORTER, 'DONE').reply ?? ''))!;
    expect(filed.fields?.fields.where).toBe(story);
  });
});

describe('a guided answer cut on a line of another country', () => {
  it('keeps a whole number of that country before a count at the cut ("07911 123456 | 3 times" on a UK line)', async () => {
    const regions = Regions.forLine(path.resolve(__dirname, '../../config/areas.uk.example.json'), 'GB');
    const w = await botWorld({ regions });
    const rosa = '+447911100001';
    w.sms(rosa, 'JOIN LDN');
    for (const a of ['REPORT', '1', 'fri 11pm', 'LDN Kings Cross']) w.sms(rosa, a);
    const tail = ' texted from 07911 123456';
    const head = `${story.slice(0, MAX_ANSWER - tail.length)}${tail}`;
    w.sms(rosa, `${head} 3 times that night.`);
    for (const a of ['SKIP', 'SKIP', 'SKIP']) w.sms(rosa, a);
    const filed = findReport(w.db, w.vault, refOf(w.sms(rosa, 'DONE').reply ?? ''))!;
    expect(filed.fields?.fields.person).toBe(head);
  });
});
