/**
 * Liveness and readiness through Fastify's inject: no socket is needed to
 * see what the routes answer.
 */
import Fastify from 'fastify';
import { healthRoutes, type HealthDeps } from '../../src/http/health-routes';

async function appWith(deps: HealthDeps) {
  const app = Fastify();
  await app.register(healthRoutes, deps);
  return app;
}

describe('/healthz and /readyz', () => {
  it('answers liveness whatever the providers say', async () => {
    const app = await appWith({ database: () => false, providers: async () => ({ sms: false }) });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready only when the database and every provider answer, and names what does not', async () => {
    let signal = true;
    let clock = 0;
    const app = await appWith({ database: () => true, providers: async () => ({ sms: true, signal }), cacheMs: 5_000, now: () => clock });
    let res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: true, sms: true, signal: true } });
    signal = false;
    // Within the cache the last answer stands; past it, the provider is asked again.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    clock = 5_000;
    res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, sms: true, signal: false } });
  });

  it('is not ready when the provider check itself fails, or the database does not answer', async () => {
    const failing = await appWith({ database: () => true, providers: () => Promise.reject(new Error('down')) });
    const res = await failing.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, providers: false } });
    const noDb = await appWith({ database: () => false, providers: async () => ({}) });
    expect((await noDb.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
  });
});
