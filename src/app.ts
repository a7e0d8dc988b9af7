/**
 * buildApp: the Fastify instance, built as one plugin tree so the server
 * and the tests run the same thing. Form parsing and limits first, then
 * routes; one error handler answers bad input with a clear 4xx and hides
 * the detail of our own failures.
 */
import formbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { WebhookError } from './channels/twilio/twilio-inbound';
import { healthRoutes, type HealthDeps } from './http/health-routes';
import { metricsRoutes } from './http/metrics-routes';
import { twilioRoutes, type TwilioRouteDeps } from './http/twilio-routes';
import type { Logger } from './log/logger';
import { safeError } from './log/safe-error';

/** Largest request body accepted. Twilio's biggest webhook (1,600 characters, ten media URLs) is far below. */
export const BODY_LIMIT = 64 * 1024;

export interface AppDeps {
  log: Logger;
  twilio: TwilioRouteDeps;
  health: HealthDeps;
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // One line per request would be one more place a request could leak; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
  });

  // Pino child loggers per request cost more than the rest of a HELP; request
  // ids in the few lines a request logs are not worth it.
  app.setChildLoggerFactory((logger) => logger);
  app.register(formbody, { bodyLimit: BODY_LIMIT });

  app.setErrorHandler((err, request, reply) => {
    const e = err as Error & { statusCode?: number; code?: string };
    const status = err instanceof WebhookError ? err.statusCode : e.statusCode && e.statusCode >= 400 ? e.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: safeError(err) }, 'request failed');
      return reply.code(500).send({ error: 'internal error' });
    }
    deps.twilio.metrics.rejected.inc({ status: String(status) });
    request.log.info({ status, code: e.code }, 'request refused');
    return reply.code(status).send({ error: e.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  app.register(healthRoutes, deps.health);
  app.register(metricsRoutes, { metrics: deps.twilio.metrics });
  app.register(twilioRoutes, deps.twilio);
  return app;
}
