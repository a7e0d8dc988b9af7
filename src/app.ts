/**
 * The Fastify app. createApp makes the instance with its limits (body and
 * field counts, connections, header and request timeouts) and one error
 * handler that answers bad input with a clear 4xx and hides the detail of
 * our own failures; the server registers its parts on it as plugins
 * (src/parts/: each opens its resources, starts its workers in onListen and
 * closes them in onClose, in reverse order of opening), then appRoutes.
 * buildApp does both for tests that need only the HTTP surface.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { capConnectionsPerAddress } from './http/connection-cap';
import { BODY_LIMIT, formBody } from './http/form-body';
import { healthRoutes, type HealthDeps } from './http/health-routes';
import { metricsRoutes } from './http/metrics-routes';
import { twilioRoutes, type TwilioRouteDeps } from './http/twilio-routes';
import type { Logger } from './log/logger';
import { safeError } from './log/safe-error';
import type { Metrics } from './metrics';

export { BODY_LIMIT };

/** Connection and time limits; tests shorten them. */
export interface HttpLimits {
  /** Open connections at once; more are dropped as they arrive. */
  maxConnections: number;
  /** Open connections one public remote address may hold (CONNECTIONS_PER_ADDRESS); null: no such cap. */
  connectionsPerAddress: number | null;
  /** Caps loopback and private addresses too: for tests, whose clients are all on loopback. */
  capLocalAddresses: boolean;
  /** Time for a client to send all its headers. */
  headersTimeoutMs: number;
  /** Time for a client to send a whole request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for connections past those times. */
  checkIntervalMs: number;
}

/**
 * Twilio opens a handful of connections; 256 leaves room for probes and
 * scrapes on a small server's 1,024 file descriptors, and 64 from one
 * address keeps any one client from taking them all while leaving a burst
 * of Twilio's status callbacks from one of its addresses room (a short
 * code's 100 messages a second, a few callbacks each, answered slowly
 * under load: some 30 at once). Headers and bodies from Twilio arrive in
 * milliseconds.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 256,
  connectionsPerAddress: 64,
  capLocalAddresses: false,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by the storage part (buildApp: from its deps); refusals are counted in it. */
    metrics: Metrics;
  }
}

export interface AppOptions {
  log: Logger;
  http?: Partial<HttpLimits>;
}

export interface RouteDeps {
  metrics: Metrics;
  /** The Twilio webhooks, or null when they must not exist (production without Twilio). */
  twilio: TwilioRouteDeps | null;
  health: HealthDeps;
  /** METRICS_TOKEN: /metrics exists only with it, as a bearer token. */
  metricsToken?: string;
}

export type AppDeps = AppOptions & RouteDeps;

/**
 * Answers a request Node could not parse (a bad request line, headers too
 * large, too slow) without logging it: Node's parse errors carry the raw
 * bytes of the request, a number and a message text among them.
 */
function clientErrorHandler(log: Logger) {
  return (err: NodeJS.ErrnoException, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    log.debug({ code: err.code, status }, 'client error');
    // Closed once the answer is sent, not when the client closes its side: one that never does held its connection for good.
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  };
}

/** The Fastify instance with its limits and error handlers, no routes yet. */
export function createApp(opts: AppOptions): FastifyInstance {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...opts.http };
  const app = Fastify({
    loggerInstance: opts.log as FastifyBaseLogger,
    // One line per request would be one more place a request could leak; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    clientErrorHandler: clientErrorHandler(opts.log),
  });
  app.server.maxConnections = limits.maxConnections;
  // Counted once the metrics are decorated (by the storage part, or buildApp); never the address.
  app.server.on('drop', () => app.hasDecorator('metrics') && app.metrics.connectionsRefused.inc({ reason: 'server_full' }));
  if (limits.connectionsPerAddress !== null) {
    capConnectionsPerAddress(app.server, limits.connectionsPerAddress, limits.capLocalAddresses, opts.log, () => app.hasDecorator('metrics') && app.metrics.connectionsRefused.inc({ reason: 'per_address' }));
  }

  // Pino child loggers per request cost more than the rest of a HELP; request
  // ids in the few lines a request logs are not worth it.
  app.setChildLoggerFactory((logger) => logger);
  formBody(app);

  app.setErrorHandler((err, request, reply) => {
    const e = err as Error & { statusCode?: number; code?: string };
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: safeError(err) }, 'request failed');
      return reply.code(500).send({ error: 'internal error' });
    }
    if (app.hasDecorator('metrics')) app.metrics.rejected.inc({ status: String(status) });
    // Debug, not info: anyone can send refused requests by the thousand a second, and a line each would fill the disk
    // (a full disk loses members' texts). /metrics counts them; the signature mismatch has its own throttled warning.
    request.log.debug({ status, code: e.code }, 'request refused');
    return reply.code(status).send({ error: e.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
  return app;
}

/** The routes: health, metrics and, where they may exist, the Twilio webhooks. */
export async function appRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await app.register(healthRoutes, deps.health);
  await app.register(metricsRoutes, { metrics: deps.metrics, token: deps.metricsToken });
  if (deps.twilio) await app.register(twilioRoutes, deps.twilio);
}

/** The whole HTTP surface on a fresh instance (for tests that need no server around it). */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = createApp(deps);
  app.decorate('metrics', deps.metrics);
  app.register(appRoutes, deps);
  return app;
}
