/** /metrics through Fastify's inject: only with METRICS_TOKEN, as a bearer token; counts only. */
import path from 'node:path';
import Fastify from 'fastify';
import { metricsRoutes } from '../../src/http/metrics-routes';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { tempDir } from '../helpers/harness';

describe('/metrics', () => {
  let db: Db;
  let metrics: Metrics;
  beforeAll(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    metrics = new Metrics(db);
    metrics.countInbound('sms', 'join');
  });
  afterAll(() => db.close());

  async function appWith(token?: string) {
    const app = Fastify();
    await app.register(metricsRoutes, { metrics, token });
    return app;
  }

  it('does not exist without a token: its counts over time are not for whoever reaches the server', async () => {
    const app = await appWith();
    // From anywhere: a proxy on the same host makes every client look like loopback.
    for (const remoteAddress of ['127.0.0.1', '203.0.113.9']) {
      const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect([remoteAddress, res.statusCode]).toEqual([remoteAddress, 404]);
      expect(res.body).not.toContain('headsup_');
    }
  });

  it('serves the counts with the token, in the Prometheus text format', async () => {
    const res = await (await appWith('s3cret-token')).inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer s3cret-token' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^headsup_inbound_messages_total\{channel="sms",command="join"\} 1$/m);
  });

  it('asks for the bearer token when one is set, and refuses any other', async () => {
    const app = await appWith('s3cret-token');
    for (const authorization of [undefined, 'Bearer wrong', 's3cret-token', 'Bearer s3cret-token ']) {
      const res = await app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      expect([authorization, res.statusCode]).toEqual([authorization, 401]);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer s3cret-token' } });
    expect(ok.statusCode).toBe(200);
  });

  it("says whether each channel's sending is held as /readyz would at the scrape, not as the lane's last hold or release left it", async () => {
    const held: Record<string, boolean> = { sms: false, signal: true };
    metrics.watchHolds(['sms', 'signal'], (channel) => held[channel] === true);
    const app = await appWith('s3cret-token');
    const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer s3cret-token' } })).body;
    let body = await scrape();
    expect(body).toMatch(/^headsup_outbox_lane_held\{channel="sms"\} 0$/m);
    expect(body).toMatch(/^headsup_outbox_lane_held\{channel="signal"\} 1$/m);
    // The held message left unsent (nothing waits), and a restart's lane found a row refused for the line.
    held.signal = false;
    held.sms = true;
    body = await scrape();
    expect(body).toMatch(/^headsup_outbox_lane_held\{channel="sms"\} 1$/m);
    expect(body).toMatch(/^headsup_outbox_lane_held\{channel="signal"\} 0$/m);
  });
});
