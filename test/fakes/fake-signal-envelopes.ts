/**
 * What the fake signal-cli-rest-api hands over when a message arrives, as
 * signal-cli-rest-api delivers it ({"envelope", "account"}), and the one
 * clock every fake's timestamps come from (each message's own, ascending).
 */

let clock = 0;

/** A fresh timestamp (ms), later than any given before and never before now: a sender's phone whose clock is right. */
export function nextTimestamp(): number {
  clock = Math.max(clock + 1, Date.now());
  return clock;
}

/** The last timestamp given (signal-cli's error texts quote it). */
export function lastTimestamp(): number {
  return clock;
}

/**
 * A received text message as signal-cli-rest-api delivers it; `number` null
 * hides the sender's number. `timestamp` is the sender's phone's clock (a
 * test may set it wrong); serverReceivedTimestamp is Signal's server's, the
 * wall clock when the envelope is made (`receivedAt`: a test whose server's
 * clock runs ahead gives that clock's), kept as is while signal-cli holds it.
 */
export function textEnvelope(
  account: string,
  from: { uuid: string; number: string | null },
  text: string,
  timestamp = nextTimestamp(),
  receivedAt = Date.now(),
): Record<string, unknown> {
  return {
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceName: 'Someone',
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: receivedAt,
      serverDeliveredTimestamp: Date.now(),
      dataMessage: { timestamp, message: text, expiresInSeconds: 0, viewOnce: false },
    },
    account,
  };
}

/**
 * What signal-cli hands over for a message it could not decrypt because the
 * sender's key changed and is not trusted (JsonReceiveMessageHandler: the
 * exception as receive.Error beside an envelope that names the sender, no dataMessage).
 */
export function untrustedEnvelope(account: string, from: { uuid: string; number: string | null }, timestamp = nextTimestamp()): Record<string, unknown> {
  return {
    account,
    exception: { message: `Untrusted identity: ${from.uuid}`, type: 'UntrustedIdentityException' },
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceName: null,
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: Date.now(),
      serverDeliveredTimestamp: Date.now(),
    },
  };
}

/** A delivery receipt (to be ignored). */
export function receiptEnvelope(account: string, from: { uuid: string; number: string | null }): Record<string, unknown> {
  const timestamp = nextTimestamp();
  return {
    envelope: {
      source: from.number ?? from.uuid,
      sourceNumber: from.number,
      sourceUuid: from.uuid,
      sourceDevice: 1,
      timestamp,
      serverReceivedTimestamp: Date.now(),
      serverDeliveredTimestamp: Date.now(),
      receiptMessage: { when: timestamp, isDelivery: true, isRead: false, isViewed: false, timestamps: [timestamp - 100] },
    },
    account,
  };
}
