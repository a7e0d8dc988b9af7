/** Liveness and readiness. */
import type { FastifyInstance } from 'fastify';

export interface HealthDeps {
  /** Each dependency by name and whether it answers. */
  checks: () => Promise<Record<string, boolean>>;
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const checks = await deps.checks();
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
}
