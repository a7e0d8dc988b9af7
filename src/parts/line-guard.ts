/**
 * The line's guard, set up first by the storage part: one server per
 * DATA_DIR (store/server-lock.ts), its lock held until the database has
 * closed.
 */
import type { FastifyInstance } from 'fastify';
import { takeServerLock } from '../store/server-lock';

/** Takes DATA_DIR's server lock (ServerRunningError while another server runs) and releases it last at close. */
export function guardLine(app: FastifyInstance, dataDir: string): void {
  const lock = takeServerLock(dataDir);
  // onClose hooks run latest first: this one after the database (opened after it) has closed.
  app.addHook('onClose', async () => lock.release());
}
