/**
 * A REPORT naming more areas than MAX_AREAS is told a report names at most
 * that many, not "Text AREAS to see yours, LEAVE 415 to drop one": her
 * subscriptions are not what is too many, and 415 may be no area of hers
 * (a hunt feeding every reply's instruction back to the line). Nothing is
 * filed.
 */
import { catalog } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550100';

it.each(['en', 'es', 'fr', 'pt'] as const)('%s: a report naming too many areas says how many it may name, and files nothing', async (lang) => {
  const w = await botWorld({ maxAreas: 2 });
  const t = catalog(lang);
  const keyword = { en: 'REPORT', es: 'REPORTE', fr: 'SIGNALER', pt: 'DENUNCIA' }[lang];
  const reply = w.sms(ROSA, `${keyword} 212 305 312 grey van, hit a worker`).reply;
  expect(reply).toBe(t.reportTooManyAreas(2));
  expect(reply).not.toContain('LEAVE');
  expect(w.db.stmt('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 0 });
});
