/**
 * A page of the database damaged while the line was stopped (a failing disk):
 * the server starts, its trivial read and its write check pass, but every
 * JOIN fails where it reads the damaged table. /readyz says damaged, and one
 * error line says what to do, however many messages fail on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startHarness } from '../helpers/harness';

/** Overwrites the root page of `table` with garbage, the database closed. */
function damageTable(file: string, table: string): void {
  const db = new Database(file);
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (rootpage - 1) * pageSize);
  fs.closeSync(fd);
}

const parsed = (logs: string[]) => logs.map((l) => JSON.parse(l) as { level: number; msg: string });

it('a damaged subscriptions page: /readyz 503 (damaged) once a message fails on it, with one error line saying to run doctor and restore', async () => {
  const first = await startHarness();
  const dataDir = first.dataDir;
  try {
    expect((await first.sms('+14155550101', 'JOIN 415')).message).toContain('415');
  } finally {
    await first.close();
  }
  damageTable(path.join(dataDir, 'heads-up.db'), 'subscriptions');
  const h = await startHarness({ dataDir });
  try {
    await h.sms('+14155550102', 'JOIN 415');
    await h.sms('+14155550103', 'JOIN 415');
    const res = await fetch(`${h.url}/readyz`);
    expect(res.status).toBe(503);
    // No Twilio to answer here (its check says no_answer): the database's reason is the one looked at.
    expect(((await res.json()) as { reasons: Record<string, string> }).reasons.database).toBe('damaged');
    const told = parsed(h.logs).filter((l) => l.msg.includes('run npm run admin -- doctor (heads-up doctor in the image), then restore the latest backup'));
    expect(told.map((l) => l.level)).toEqual([50]);
    expect(h.logs.join('\n')).not.toContain('5550102');
  } finally {
    await h.close();
  }
}, 60_000);
