/**
 * Proxies an operator puts in front of signal-cli-rest-api: one that
 * answers every request with a redirect (http→https, a maintenance page, an
 * oauth2-proxy's login page) instead of passing it on, and one that passes
 * requests on only with its Basic credentials. Real HTTP on loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  url: string;
  /** The requests it answered, as "METHOD path". */
  requests: string[];
  stop: () => Promise<void>;
}

/** Answers each request with `status` and a Location of `location` plus the request's path. */
export async function redirectingProxy(location: string, status = 308): Promise<Proxy> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(status, { location: `${location}${req.url ?? ''}`, 'content-type': 'text/html' });
    res.end('<html><body>Moved</body></html>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/** Passes each request on to `target` when it carries Basic `user:password`, answers 401 otherwise. */
export async function basicAuthProxy(target: string, user: string, password: string): Promise<Proxy> {
  const requests: string[] = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.headers.authorization !== expected) {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="signal"' });
      return res.end();
    }
    const { authorization: _, ...headers } = req.headers;
    const out = http.request(`${target}${req.url ?? ''}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
