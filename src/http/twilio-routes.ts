/** Twilio webhooks: inbound SMS (answered with TwiML) and delivery status callbacks. Routes only translate. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actedText, carrierAction } from '../channels/twilio/carrier-keywords';
import { twimlReply } from '../channels/twilio/twiml';
import { looksLikeSignature, signedUrlForms, TwilioSignature } from '../channels/twilio/signature';
import { ReportFaultWarning } from '../channels/twilio/report-fault-warning';
import { classifyDeliveryStatus, twilioTookIt } from '../channels/twilio/twilio-errors';
import { statusRefOf } from '../channels/twilio/twilio-sender';
import { parseInboundSms, parseStatusCallback, WebhookError, type FormFields } from '../channels/twilio/twilio-inbound';
import type { InboundPath } from '../inbound/inbound-path';
import type { Metrics } from '../metrics';
import { applyAccepted, applyDeliveryReport } from '../outbox/delivery-status';
import type { ProviderCleanup } from '../outbox/provider-cleanup';
import type { Db } from '../store/db';
import type { Vault } from '../store/vault';

export interface TwilioRouteDeps {
  /** Where inbound messages go: the one path every channel shares. */
  inbound: InboundPath;
  db: Db;
  /** Opens the address of a buddy's message that a status callback reports opted out. */
  vault: Vault;
  metrics: Metrics;
  publicUrl: string;
  /** When set, every webhook must carry a valid X-Twilio-Signature. */
  authToken?: string;
  /**
   * Whether Twilio's opt-out handling answers its keywords (STOP, START,
   * HELP, …) itself: true for real Twilio, false for the simulator on the
   * console channel, where no carrier answers and we must.
   */
  carrier: boolean;
  now: () => number;
  /** With TWILIO_REDACT on: Twilio's copy of finished messages is cleaned up. */
  cleanup?: ProviderCleanup | null;
}

const FORM = /^application\/x-www-form-urlencoded/i;

/** The one query a route accepts: the outbox row id and try a status callback URL carries (statusCallbackFor). */
const STATUS_REF = /^\?o=[1-9]\d{0,15}(&a=[1-9]\d{0,5})?$/;

/** Whether a request target is the route's own path, or the status route's path with its row id. */
function acceptedTarget(target: string | undefined, path: string | undefined): boolean {
  if (target === undefined || path === undefined) return false;
  if (target === path) return true;
  return path === '/webhooks/twilio/status' && target.startsWith(path) && STATUS_REF.test(target.slice(path.length));
}

/**
 * Refusals that need no body and no HMAC, before Fastify reads the body: a
 * request target other than the route's own path (an absolute-form
 * `POST http://…/webhooks/… HTTP/1.1`, a query string), a body that is not
 * a form, a signature header that cannot be one.
 */
function precheck(signer: TwilioSignature | null) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!acceptedTarget(request.raw.url, request.routeOptions.url)) throw new WebhookError(400, 'unexpected request target');
    if (!FORM.test(request.headers['content-type'] ?? '')) throw new WebhookError(415, 'expected application/x-www-form-urlencoded');
    if (signer && !looksLikeSignature(request.headers['x-twilio-signature'])) throw new WebhookError(403, 'invalid or missing X-Twilio-Signature');
  };
}

/** A name as Twilio gives its fields: a capital, then letters and digits (MessageSid, FromCity, MediaUrl0). */
const FIELD_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** A name that ends in all or part of "From" (F, Fr, Fro, From). */
const ENDS_IN_FROM = /F(r(om?)?)?$/;

/**
 * Whether a form could be a signed one cut again into other fields. Twilio
 * signs the URL, then each name and value run together with no separators:
 * the Body a sender writes can spell "From+14155550100…", so her own signed
 * message, cut anew, would come from someone else, and "&a=1" can leave a
 * status URL for the first field's name. Twilio's own forms never look so:
 * each field once, names like its own, and "From" only as the field itself
 * or in the Body. (Only the sender's Body is hers to write.)
 */
function recut(posted: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(posted)) {
    if (typeof value !== 'string' || !FIELD_NAME.test(name)) return true;
    if (name !== 'From' && ENDS_IN_FROM.test(name)) return true;
    if (name !== 'Body' && value.includes('From')) return true;
  }
  return false;
}

/**
 * The form fields of a webhook, once its signature is checked against
 * PUBLIC_URL and the route's own path (never the Host header; the request
 * target only in the forms precheck accepted): one HMAC at most.
 */
function signedFields(publicUrls: string[], signer: TwilioSignature | null, request: FastifyRequest, onMismatch: () => void): FormFields {
  const posted = (request.body ?? {}) as Record<string, string | string[]>;
  if (recut(posted)) throw new WebhookError(400, 'unexpected form fields');
  if (signer) {
    const signature = request.headers['x-twilio-signature'] as string;
    // The target was checked by precheck: the route's path, or the status path with its row id, which Twilio signs too.
    const target = request.raw.url as string;
    if (!publicUrls.some((base) => signer.matches(signature, base + target, posted))) {
      onMismatch();
      throw new WebhookError(403, 'invalid or missing X-Twilio-Signature');
    }
  }
  return posted;
}

/** How often a signature that does not match is logged: forged webhooks are an attack anyone can repeat at will. */
const MISMATCH_LOG_EVERY_MS = 300_000;

/**
 * A warning, at most once in MISMATCH_LOG_EVERY_MS, that webhooks come signed
 * for another address: the one sign of a wrong PUBLIC_URL short of doctor.
 * A fixed text and a count only: nothing from the request.
 */
function mismatchWarning(app: FastifyInstance, now: () => number): () => void {
  let lastLogged = -Infinity;
  let refused = 0;
  return () => {
    refused += 1;
    const t = now();
    // A clock stepped back logs once more rather than falling silent until it catches up.
    if (t >= lastLogged && t - lastLogged < MISMATCH_LOG_EVERY_MS) return;
    lastLogged = t;
    app.log.warn(
      { refused },
      "a Twilio webhook's signature does not match: if texts get no answer, PUBLIC_URL may not be the address Twilio posts to (run doctor)",
    );
    refused = 0;
  };
}

/** Where Twilio posts an incoming SMS: PUBLIC_URL followed by this is the number's "A message comes in" URL (doctor checks it). */
export const SMS_WEBHOOK_PATH = '/webhooks/twilio/sms';

export async function twilioRoutes(app: FastifyInstance, deps: TwilioRouteDeps): Promise<void> {
  const signer = deps.authToken ? new TwilioSignature(deps.authToken) : null;
  const publicUrls = signedUrlForms(deps.publicUrl);
  const onMismatch = mismatchWarning(app, deps.now);
  app.addHook('onRequest', precheck(signer));
  app.post(SMS_WEBHOOK_PATH, async (request, reply) => {
    const sms = parseInboundSms(signedFields(publicUrls, signer, request, onMismatch));
    // What Twilio answered itself, we act on without a second answer; under Advanced
    // Opt-Out it may match words we do not know ("ARRET"), and what it did, we do.
    const carrier = deps.carrier ? carrierAction(sms.text, sms.optOutType) : undefined;
    const text = actedText(sms.text, carrier);
    const answered = carrier !== undefined;
    // The reply leaves in the webhook's own answer, as TwiML, once its effect is committed.
    const handled = deps.inbound.submit({ sender: sms.sender, text, providerId: sms.messageSid, answered, media: sms.media }, 'response');
    // Twilio's copy (the sender's number and text) is deleted 2 minutes after (issue 9; Twilio refuses sooner, 20009); a message
    // whose handling fails is parked here, sealed.
    deps.cleanup?.deleteInbound(sms.messageSid);
    const result = await handled;
    // With cleanup on, the reply's status comes back to the status route, which queues its redaction.
    return reply.type('text/xml; charset=utf-8').send(twimlReply(result.reply, deps.cleanup ? `${deps.publicUrl}/webhooks/twilio/status` : undefined));
  });

  const faultWarning = new ReportFaultWarning();
  app.post('/webhooks/twilio/status', async (request, reply) => {
    const status = parseStatusCallback(signedFields(publicUrls, signer, request, onMismatch));
    const delivery = classifyDeliveryStatus(status.status, status.errorCode);
    const ref = statusRefOf(request.query);
    // A report is counted only when it changes a row: a replay (the signature has no nonce), or a report
    // for a message already settled or not ours, counts nothing. It is still answered 204, as Twilio's own
    // 'sent' after a recorded send is: the two cannot be told apart, and a 4xx is an error in the
    // operator's Twilio console for each.
    // Twilio took a try whose answer we may not have had (our time-out came first): it is sent, not sent again.
    if (!delivery && ref?.attempt !== undefined && twilioTookIt(status.status)) {
      if (applyAccepted(deps.db, { rowId: ref.row, attempt: ref.attempt, providerId: status.messageSid }, deps.now())) {
        deps.metrics.deliveryReport(status.status);
        deps.metrics.outcome('sms', 'sent');
      }
    }
    if (delivery) {
      const { cleanup } = deps;
      const onFinal = cleanup ? () => cleanup.redact(status.messageSid) : undefined;
      const applied = applyDeliveryReport(deps.db, deps.vault, { rowId: ref?.row, attempt: ref?.attempt, providerId: status.messageSid, delivery, onFinal }, deps.now());
      if (applied.matched) deps.metrics.deliveryReport(status.status);
      if (applied.matched && applied.kind !== 'delivered') deps.metrics.outcome('sms', applied.kind === 'retry' ? 'retry' : 'failed', applied.kind);
      // The line's own sender may not send, or its account is over its daily limit: every message like it fails in silence until the operator acts (or the day passes). The code only.
      faultWarning.note(delivery.kind, status.errorCode ?? '', deps.now(), request.log);
    }
    return reply.code(204).send();
  });
}
