/**
 * A minimal fake Twilio Messages API for throughput runs, faithful to the
 * contract the sender uses (Basic auth, form-encoded POST to
 * /2010-04-01/Accounts/{sid}/Messages.json, 201 with a message resource,
 * Twilio-shaped errors) but keeping nothing: no latency, no rate limit, no
 * memory growth over 200,000 messages. Runs in its own process.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCOUNT_SID, AUTH_TOKEN, childMain, report } from '../common';

const BASE = `/2010-04-01/Accounts/${ACCOUNT_SID}`;
const AUTH = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

function error(res: http.ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

childMain(async () => {
  let accepted = 0;
  let refused = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers.authorization !== AUTH) return refused++, error(res, 401, 20003, 'Authenticate');
      if (req.method !== 'POST' || req.url !== `${BASE}/Messages.json`) return refused++, error(res, 404, 20404, 'The requested resource was not found');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const body = form.get('Body');
      const from = form.get('From');
      if (!to || !body || !(from || form.get('MessagingServiceSid'))) return refused++, error(res, 400, 21604, 'A required parameter is missing.');
      accepted++;
      const sid = `SM${randomBytes(16).toString('hex')}`;
      const now = new Date().toUTCString();
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          account_sid: ACCOUNT_SID, api_version: '2010-04-01', body, date_created: now, date_sent: null, date_updated: now,
          direction: 'outbound-api', error_code: null, error_message: null, from, messaging_service_sid: form.get('MessagingServiceSid'),
          num_media: '0', num_segments: '1', price: null, price_unit: 'USD', sid, status: 'queued',
          subresource_uris: { media: `${BASE}/Messages/${sid}/Media.json` }, to, uri: `${BASE}/Messages/${sid}.json`,
        }),
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await report({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  await new Promise<void>((resolve) => {
    process.on('message', (m: { type?: string }) => m?.type === 'stop' && resolve());
    process.on('SIGTERM', () => resolve());
    process.on('disconnect', () => resolve());
  });
  server.closeAllConnections();
  server.close();
  await report({ type: 'stopped', accepted, refused });
  process.exit(0);
});
