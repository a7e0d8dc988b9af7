/**
 * What a guided report costs in SMS segments (issue 11): the member's side
 * of a full guided report (their messages and the line's replies), and the
 * alert each recipient gets, in English and Spanish, for a typical report
 * and a long one. Prints figures; no network, no database.
 */
import { alertFieldsOf, renderBody, type ReportFields } from '../src/alerts/report-template';
import { catalog } from '../src/bot/catalog';
import { smsSegments } from '../src/bot/sms-segments';
import type { Lang } from '../src/domain/lang';

const TYPICAL: ReportFields = {
  categories: ['violence', 'robbery'],
  when: 'Fri 11pm',
  where: 'Motel 6 on Lombard',
  person: 'tall, beard, calls himself Rick',
  vehicle: 'grey van, plate 7ABC 123 CA',
  contact: 'texts from (415) 555-0177, insta @Rick_SF',
  other: 'he knows where I live',
};
const LONG: ReportFields = {
  categories: ['violence', 'sexual-assault', 'robbery', 'threats'],
  when: 'last Friday night around 11:30pm, after the bar on 6th closed',
  where: 'the Motel 6 on Lombard St, room on the second floor at the back by the ice machine',
  person: 'white guy, about 6ft 2, 40s, short beard, tattoo of a snake on his left forearm, says his name is Rick or Richard, sometimes Dave',
  vehicle: 'grey Ford Transit van with a ladder rack and a dent in the back door, CA plate 7ABC 123',
  contact: 'texts from (415) 555-0177 and 628-555-0199, insta @Rick_SF, email rick.sf@example.com, ad at https://tryst.link/escort/rick',
  other: 'he took my phone and my money',
};

function member(lang: Lang, answers: string[]): { sent: number; received: number } {
  const t = catalog(lang);
  const questions = (['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other'] as const).map((s) => t.reportAsk(s));
  const review = t.reportReview(['415'], t.alertBody(alertFieldsOf(TYPICAL, null)));
  const received = [...questions, review, t.reportReceived('#K7Q2', ['415'])].reduce((n, m) => n + smsSegments(m), 0);
  const sent = ['REPORT', ...answers, 'DONE'].reduce((n, m) => n + smsSegments(m), 0);
  return { sent, received };
}

const answers = ['1 3', TYPICAL.when, `415 ${TYPICAL.where}`, TYPICAL.person, TYPICAL.vehicle, TYPICAL.contact, TYPICAL.other] as string[];
for (const lang of ['en', 'es'] as const) {
  const m = member(lang, answers);
  const typical = renderBody(lang, ['415'], { fields: alertFieldsOf(TYPICAL, null) });
  const long = renderBody(lang, ['415'], { fields: alertFieldsOf(LONG, null) });
  console.log(`${lang}: full guided report, member's side: ${m.sent} segments sent (9 messages), ${m.received} segments received (9 replies)`);
  console.log(`${lang}: typical alert, per recipient: ${smsSegments(typical)} segments (${typical.length} characters)`);
  console.log(`${lang}: long report's alert, clipped to fit: ${smsSegments(long)} segments (${long.length} characters)`);
}
