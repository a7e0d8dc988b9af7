/**
 * Clients on loopback from chosen local addresses (127.0.0.2, 127.0.0.3 …,
 * all loopback on Linux): an "attacker" holding half-sent requests, and a
 * signed Twilio webhook from another address. Raw sockets, so a connection
 * the server drops is seen as such (closed with no answer).
 */
import net from 'node:net';
import twilio from 'twilio';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL } from '../helpers/harness';

export const SMS = '/webhooks/twilio/sms';

/** Connects from `localAddress`, writes `bytes`, collects the answer until the server closes the socket or `timeoutMs` passes. */
export function exchange(url: string, localAddress: string, bytes: string, timeoutMs = 10_000): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect({ port: Number(port), host: hostname, localAddress }, () => socket.write(bytes, 'latin1'));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, timeoutMs);
    socket.on('data', (c: Buffer) => {
      answer += c.toString('latin1');
      // One answer is all a test asks for: a keep-alive server would hold the socket open.
      if (/\r\n\r\n/.test(answer) && /Content-Length: (\d+)/i.test(answer)) {
        const length = Number(/Content-Length: (\d+)/i.exec(answer)?.[1]);
        if (answer.length - answer.indexOf('\r\n\r\n') - 4 >= length) socket.end();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
  });
}

export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** The raw bytes of a signed inbound SMS, as Twilio posts it. */
export function signedSms(from: string, body: string): string {
  const fields = { MessageSid: newSid(), AccountSid: ACCOUNT_SID, From: from, To: FROM_NUMBER, Body: body, NumMedia: '0' };
  const form = new URLSearchParams(fields).toString();
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + SMS, fields);
  return (
    `POST ${SMS} HTTP/1.1\r\nHost: headsup.example.org\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `X-Twilio-Signature: ${signature}\r\nContent-Length: ${Buffer.byteLength(form)}\r\nConnection: close\r\n\r\n${form}`
  );
}

/**
 * A socket from `localAddress` that has sent the start of a request's
 * headers and will send no more. `read` false: it never reads either, so it
 * never closes its side when the server closes its own (a raw client can).
 */
export function halfRequest(url: string, localAddress: string, read = true): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: Number(port), host: hostname, localAddress }, () => {
      socket.write(`POST ${SMS} HTTP/1.1\r\nHost: x\r\n`);
      // Read (and drop) what comes back, so the socket closes when the server closes it.
      if (read) socket.resume();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** Resolves once `socket` is closed, with whether anything ever came back on it. */
export function closedByServer(socket: net.Socket): Promise<{ answered: boolean }> {
  return new Promise((resolve) => {
    let answered = false;
    socket.on('data', () => (answered = true));
    if (socket.destroyed) resolve({ answered });
    else socket.once('close', () => resolve({ answered }));
  });
}
