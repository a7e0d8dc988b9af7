/**
 * /readyz keeps the providers' answer for a few seconds; a clock stepped
 * back (NTP) must not keep it for the step's length: Twilio down an hour
 * after would still read as ready.
 */
import Fastify from 'fastify';
import type { ProviderCheck } from '../../src/channels/types';
import { healthRoutes } from '../../src/http/health-routes';

it('asks the providers again after the clock stepped back, rather than keeping the answer for the step', async () => {
  let sms: ProviderCheck = 'ready';
  let clock = 10_000_000 + 3_600_000; // an hour fast
  let asked = 0;
  const app = Fastify();
  await app.register(healthRoutes, { database: () => 'ready', channels: () => ({}), providers: async () => (asked++, { sms }), cacheMs: 5_000, now: () => clock });
  expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  clock -= 3_600_000; // NTP sets it right
  sms = 'no_answer';
  clock += 10_000; // a probe 10 s later
  const res = await app.inject({ method: 'GET', url: '/readyz' });
  expect(asked).toBe(2);
  expect(res.statusCode).toBe(503);
  expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, sms: false }, reasons: { sms: 'no_answer' } });
  await app.close();
});
