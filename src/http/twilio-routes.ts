/** Twilio webhooks: inbound SMS (answered with TwiML) and delivery status callbacks. Routes only translate. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { carrierAnswers } from '../bot/carrier';
import type { Bot } from '../bot/bot';
import { twimlReply } from '../channels/twilio/twiml';
import { flattenFields, parseInboundSms, parseStatusCallback, verifySignature, WebhookError } from '../channels/twilio/twilio-inbound';
import type { Metrics } from '../metrics';
import { applyDeliveryStatus } from '../outbox/delivery-status';
import type { Db } from '../store/db';

export interface TwilioRouteDeps {
  bot: Bot;
  db: Db;
  metrics: Metrics;
  publicUrl: string;
  /** When set, every webhook must carry a valid X-Twilio-Signature. */
  authToken?: string;
  now: () => number;
}

function signedFields(deps: TwilioRouteDeps, request: FastifyRequest): Record<string, string> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new WebhookError(415, 'expected application/x-www-form-urlencoded');
  }
  const fields = flattenFields(request.body);
  if (deps.authToken) {
    const signature = request.headers['x-twilio-signature'];
    verifySignature(deps.authToken, typeof signature === 'string' ? signature : undefined, deps.publicUrl + request.url, fields);
  }
  return fields;
}

export async function twilioRoutes(app: FastifyInstance, deps: TwilioRouteDeps): Promise<void> {
  app.post('/webhooks/twilio/sms', async (request, reply) => {
    const inbound = parseInboundSms(signedFields(deps, request));
    // Under Advanced Opt-Out Twilio may match keywords we do not know ("ARRET"); what it did, we do.
    const text = inbound.optOutType === 'STOP' || inbound.optOutType === 'START' ? inbound.optOutType : inbound.text;
    // Twilio answers STOP, START and HELP itself: a second answer from us would be one too many.
    const answered = inbound.optOutType !== undefined || carrierAnswers(inbound.text);
    const result = deps.bot.handle({ sender: inbound.sender, text, providerId: inbound.messageSid, answered });
    deps.metrics.countInbound('sms', result.parsed.ok ? result.parsed.command.kind : 'unknown');
    return reply.type('text/xml; charset=utf-8').send(twimlReply(result.reply));
  });

  app.post('/webhooks/twilio/status', async (request, reply) => {
    const status = parseStatusCallback(signedFields(deps, request));
    applyDeliveryStatus(deps.db, status.messageSid, status.status, status.errorCode, deps.now());
    return reply.code(204).send();
  });
}
