/**
 * Liveness and readiness through Fastify's inject: no socket is needed to
 * see what the routes answer.
 */
import Fastify from 'fastify';
import type { ProviderCheck } from '../../src/channels/types';
import { askProviders, healthRoutes, type ChannelFault, type HealthDeps } from '../../src/http/health-routes';

async function appWith(deps: Partial<HealthDeps> & Pick<HealthDeps, 'providers'>) {
  const app = Fastify();
  await app.register(healthRoutes, { database: () => 'ready', channels: () => ({}), ...deps });
  return app;
}

describe('/healthz and /readyz', () => {
  it('answers liveness whatever the providers say', async () => {
    const app = await appWith({ database: () => 'no_answer', providers: async () => ({ sms: 'no_answer' }) });
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready only when the database and every provider answer, and names what does not and why', async () => {
    let signal: ProviderCheck = 'ready';
    let clock = 0;
    let asked = 0;
    const app = await appWith({ providers: async () => (asked++, { sms: 'ready', signal }), cacheMs: 5_000, now: () => clock });
    let res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: true, sms: true, signal: true } });
    signal = 'no_answer';
    // Within the cache the last answer stands; past it, the provider is asked again.
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(asked).toBe(1);
    clock = 5_000;
    res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, sms: true, signal: false }, reasons: { signal: 'no_answer' } });
    expect(asked).toBe(2);
  });

  it("reads the line's own state of each channel at every probe, without asking the providers again", async () => {
    const faults: Record<string, ChannelFault | null> = { sms: null, signal: null };
    let asked = 0;
    const app = await appWith({ providers: async () => (asked++, { sms: 'ready', signal: 'ready' }), channels: () => ({ ...faults }), now: () => 0 });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    faults.signal = 'not_receiving';
    faults.sms = 'sending_held';
    let res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, sms: false, signal: false }, reasons: { sms: 'sending_held', signal: 'not_receiving' } });
    faults.signal = faults.sms = null;
    res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(asked).toBe(1);
  });

  it("names the provider's own refusal before what follows from it (a held lane)", async () => {
    const app = await appWith({ providers: async () => ({ sms: 'credentials_refused' }), channels: () => ({ sms: 'sending_held' }) });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, sms: false }, reasons: { sms: 'credentials_refused' } });
  });

  it('is not ready when the provider check itself fails, or the database does not answer', async () => {
    const failing = await appWith({ providers: () => Promise.reject(new Error('down')) });
    const res = await failing.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: true, providers: false }, reasons: { providers: 'check_failed' } });
    const noDb = await appWith({ database: () => 'no_answer', providers: async () => ({}) });
    const db = await noDb.inject({ method: 'GET', url: '/readyz' });
    expect(db.statusCode).toBe(503);
    expect(db.json()).toEqual({ status: 'not ready', checks: { database: false }, reasons: { database: 'no_answer' } });
  });

  it('is not ready when the database answers but refuses writes (a full disk), and says so', async () => {
    const full = await appWith({ database: () => 'writes_failing', providers: async () => ({ sms: 'ready' }) });
    const res = await full.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', checks: { database: false, sms: true }, reasons: { database: 'writes_failing' } });
  });
});

describe('askProviders', () => {
  it("keeps each provider's answer, and names one that throws or does not answer within the bound no_answer", async () => {
    const checks = new Map<string, () => Promise<ProviderCheck>>([
      ['sms', async () => 'credentials_refused'],
      ['signal', () => Promise.reject(new Error('socket hang up'))],
      ['other', () => new Promise<ProviderCheck>(() => undefined)],
    ]);
    expect(await askProviders(checks, 50)).toEqual({ sms: 'credentials_refused', signal: 'no_answer', other: 'no_answer' });
  });
});
