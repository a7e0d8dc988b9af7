/** Prometheus scrape endpoint. */
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics';

export async function metricsRoutes(app: FastifyInstance, deps: { metrics: Metrics }): Promise<void> {
  app.get('/metrics', async (_request, reply) => {
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
