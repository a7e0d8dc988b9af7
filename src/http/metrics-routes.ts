/**
 * Prometheus scrape endpoint, only behind METRICS_TOKEN as a bearer token.
 * Without a token there is no /metrics (404): its counts over time (alerts,
 * reports, members by channel) are not for whoever reaches the server, and
 * "loopback only" would not hold behind a proxy on the same host.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics';

export interface MetricsRouteDeps {
  metrics: Metrics;
  /** A scrape must carry `Authorization: Bearer <token>`; unset, the route does not exist. */
  token?: string;
}

/** Digests of equal length, so the comparison takes the same time whatever was sent. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export async function metricsRoutes(app: FastifyInstance, deps: MetricsRouteDeps): Promise<void> {
  if (!deps.token) return;
  const expected = digest(`Bearer ${deps.token}`);
  app.get('/metrics', async (request, reply) => {
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a bearer token is required' });
    }
    const body = await deps.metrics.registry.metrics();
    return reply.type(deps.metrics.registry.contentType).send(body);
  });
}
