/**
 * Liveness and readiness. /readyz is 503 when the database or a configured
 * channel is not ready, and says why in fixed words (`reasons`) a monitor
 * can match: the database does not answer (no_answer), refuses writes (a
 * full disk: writes_failing), its files were removed while the server
 * runs (files_missing), or SQLite found it damaged (damaged); a channel's provider does not answer
 * (no_answer) or refuses the line's credentials (credentials_refused), its
 * sending is held for the line's own fault (sending_held), every send has
 * failed as an outage for a minute while messages wait (sending_failing), or
 * it is not receiving (not_receiving).
 */
import type { FastifyInstance } from 'fastify';
import type { ProviderCheck } from '../channels/types';
import type { Db } from '../store/db';

/** How long /readyz reuses the providers' answers: a probe every second must not call each provider every second. */
export const PROVIDER_CHECK_CACHE_MS = 5_000;

/** How long /readyz waits for one provider's check: a black-holed provider (Twilio's client waits 15 s) must not hang the probe. */
export const PROVIDER_CHECK_BOUND_MS = 3_000;

/**
 * Asks each provider's check at once, each given `boundMs`: one that has
 * not answered by then, or that throws, is `no_answer`.
 */
export async function askProviders(checks: Map<string, () => Promise<ProviderCheck>>, boundMs = PROVIDER_CHECK_BOUND_MS): Promise<Record<string, ProviderCheck>> {
  const bounded = async (check: () => Promise<ProviderCheck>): Promise<ProviderCheck> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ProviderCheck>((resolve) => (timer = setTimeout(() => resolve('no_answer'), boundMs)));
    try {
      return await Promise.race([check().catch((): ProviderCheck => 'no_answer'), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const answers = await Promise.all([...checks].map(async ([channel, check]) => [channel, await bounded(check)] as const));
  return Object.fromEntries(answers);
}

/** What the line itself knows is wrong with a channel: its lane held or failing, its receiver down. */
export type ChannelFault = 'sending_held' | 'sending_failing' | 'not_receiving';

/** What the database check finds: it answers and takes writes, does not answer, answers but refuses writes, or its files are gone. */
export type DatabaseCheck = 'ready' | 'no_answer' | 'writes_failing' | 'files_missing' | 'damaged';

/**
 * The database's check: its files still those the server opened (Db.missingFiles: looked at every few seconds),
 * a trivial read, then whether writes go through (Db.writable: a write of its own only now and then).
 */
export function checkDatabase(db: Db, now: number): DatabaseCheck {
  try {
    // It still answers, from files no one else can open: said first.
    if (db.missingFiles(now).length) return 'files_missing';
    // Seen by the work itself (a damaged page the trivial read and the write check never touch): only a restore mends it.
    if (db.damage.found()) return 'damaged';
    if (!db.ping()) return 'no_answer';
    return db.writable(now) ? 'ready' : 'writes_failing';
  } catch {
    // Closed, or a lock held past the busy timeout: never a 500 from the probe.
    return 'no_answer';
  }
}

export interface HealthDeps {
  /** The database's check (cheap, local: on every probe; see checkDatabase). */
  database: () => DatabaseCheck;
  /** Each configured provider's own check, by channel (remote: asked at most once per cacheMs). */
  providers: () => Promise<Record<string, ProviderCheck>>;
  /** Each configured channel and what is wrong with it, if anything (local: read on every probe). */
  channels: () => Record<string, ChannelFault | null>;
  cacheMs?: number;
  now?: () => number;
}

type Reason = Exclude<ProviderCheck, 'ready'> | Exclude<DatabaseCheck, 'ready'> | ChannelFault | 'check_failed';

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const cacheMs = deps.cacheMs ?? PROVIDER_CHECK_CACHE_MS;
  const now = deps.now ?? Date.now;
  // The answer in flight or last given, shared by every probe within cacheMs.
  let cached: { at: number; checks: Promise<Record<string, ProviderCheck> | null> } | null = null;
  const providers = (): Promise<Record<string, ProviderCheck> | null> => {
    const t = now();
    // A clock stepped back (now before the answer's time) must not keep a stale answer for the step's length.
    if (!cached || t < cached.at || t - cached.at >= cacheMs) {
      cached = { at: t, checks: deps.providers().catch(() => null) };
    }
    return cached.checks;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const reasons: Record<string, Reason> = {};
    const database = deps.database();
    if (database !== 'ready') reasons.database = database;
    const remote = await providers();
    if (remote === null) reasons.providers = 'check_failed';
    const local = deps.channels();
    const checks: Record<string, boolean> = { database: reasons.database === undefined };
    for (const channel of new Set([...Object.keys(remote ?? {}), ...Object.keys(local)])) {
      // The provider's own word first: a held lane or a silent receiver often follows from it.
      const provider = remote?.[channel];
      const reason = provider !== undefined && provider !== 'ready' ? provider : local[channel];
      if (reason) reasons[channel] = reason;
      checks[channel] = !reason;
    }
    if (remote === null) checks.providers = false;
    const ready = Object.keys(reasons).length === 0;
    return reply.code(ready ? 200 : 503).send(ready ? { status: 'ready', checks } : { status: 'not ready', checks, reasons });
  });
}
