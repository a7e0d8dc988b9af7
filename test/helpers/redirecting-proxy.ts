/**
 * A proxy in front of signal-cli-rest-api that answers every request with a
 * redirect (http→https, a maintenance page, an oauth2-proxy's login page)
 * instead of passing it on. Real HTTP on loopback.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RedirectingProxy {
  url: string;
  /** The requests it answered, as "METHOD path". */
  requests: string[];
  stop: () => Promise<void>;
}

/** Answers each request with `status` and a Location of `location` plus the request's path. */
export async function redirectingProxy(location: string, status = 308): Promise<RedirectingProxy> {
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
