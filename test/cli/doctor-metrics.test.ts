/** /metrics is off without METRICS_TOKEN: doctor says so, and how to turn it on. */
import { runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/temp-dir';

const env = (extra: Record<string, string> = {}) => ({ NODE_ENV: 'test', DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), ...extra });

describe('doctor on /metrics', () => {
  it('says /metrics is off without METRICS_TOKEN, and how to turn it on', async () => {
    const line = (await runDoctor(env())).find((c) => c.name === 'metrics');
    expect(line).toEqual({
      name: 'metrics',
      ok: true,
      detail: '/metrics is off: set METRICS_TOKEN (openssl rand -hex 32) and give Prometheus that bearer token to turn it on',
    });
  });

  it('says a scrape needs the token when it is set, never quoting it', async () => {
    const line = (await runDoctor(env({ METRICS_TOKEN: 'scrape-token-0123456789' }))).find((c) => c.name === 'metrics');
    expect(line?.detail).toBe('/metrics answers a scrape that carries Authorization: Bearer METRICS_TOKEN');
  });
});
