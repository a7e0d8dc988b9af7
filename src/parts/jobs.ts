/**
 * Timed jobs: the WAL checkpoint every second (so no webhook pays for one)
 * and retention every hour. They run while the server listens and stop
 * first when it closes.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runRetention, scheduleRetention } from '../jobs/retention';
import type { ServerOptions } from '../server';

async function jobs(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const { db } = app;
  const stops: Array<() => void> = [];
  app.addHook('onListen', async () => {
    stops.push(db.checkpointEvery(1_000));
    stops.push(
      scheduleRetention(log, () => {
        const erased = runRetention(db, config.retentionDays, now());
        log.info({ erased }, 'retention run');
      }),
    );
  });
  app.addHook('onClose', async () => {
    for (const stop of stops) stop();
  });
}

export default fp(jobs, { name: 'jobs', dependencies: ['storage'] });
