/**
 * A link in a guided report's contact answer is shown as written, its path's
 * case kept (a short link, an ad's page, a form differ by case: lower-cased,
 * a member taps a dead page or someone else's), in SHOW and in what members
 * get; CHECK still finds it written in any case.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const refIn = (s: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(s ?? '')?.[1] as string;

it.each([
  ['his ad https://bit.ly/3AbCdE', 'bit.ly/3AbCdE'],
  ['booked through https://www.Tryst.link/escort/RickyLovesYou?id=8FqZ&utm_source=x', 'tryst.link/escort/RickyLovesYou?id=8FqZ'],
])('%s is shown as %s', async (contact, shown) => {
  const w = await world();
  w.sms(MEMBER, 'JOIN 415');
  let reply: string | null = null;
  for (const a of ['REPORT 415', '1', 'SKIP', 'SKIP', 'SKIP', 'SKIP', contact, 'SKIP', 'DONE']) reply = w.sms(REPORTER, a).reply;
  const ref = refIn(reply);
  expect(w.sms(MOD, `SHOW ${ref}`).reply).toContain(`Contact: ${shown}`);
  w.sms(MOD, `APPROVE ${ref}`);
  const { id } = w.db.sqlite.prepare('SELECT max(id) AS id FROM alerts').get() as { id: number };
  expect(new AlertRenderer(w.db, w.vault).render(id, 'en')).toContain(`Contact: ${shown}`);
  expect(w.sms(MEMBER, `CHECK ${shown.toLowerCase()}`).reply).toMatch(/^Heads Up: that link is in 1 alert/);
  expect(w.sms(MEMBER, `CHECK https://${shown}`).reply).toMatch(/^Heads Up: that link is in 1 alert/);
});
