/** Liveness and readiness. */
import type { FastifyInstance } from 'fastify';

/** How long /readyz reuses the providers' answers: a probe every second must not call each provider every second. */
export const PROVIDER_CHECK_CACHE_MS = 5_000;

export interface HealthDeps {
  /** Whether the database answers (cheap, local: checked on every probe). */
  database: () => boolean;
  /** Each configured provider by channel and whether it answers. */
  providers: () => Promise<Record<string, boolean>>;
  cacheMs?: number;
  now?: () => number;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const cacheMs = deps.cacheMs ?? PROVIDER_CHECK_CACHE_MS;
  const now = deps.now ?? Date.now;
  // The answer in flight or last given, shared by every probe within cacheMs.
  let cached: { at: number; checks: Promise<Record<string, boolean>> } | null = null;
  const providers = (): Promise<Record<string, boolean>> => {
    const t = now();
    if (!cached || t - cached.at >= cacheMs) {
      cached = { at: t, checks: deps.providers().catch(() => ({ providers: false })) };
    }
    return cached.checks;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = { database: deps.database(), ...(await providers()) };
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
}
