/**
 * SIGNAL_API_URL as the admin command's own requests use it and as it prints
 * it. The URL may hold a proxy's credentials (user:password@), which the
 * server's HTTP client sends as Basic authorization and fetch refuses.
 */

/** The URL without its credentials, and those credentials as a Basic authorization header beside `headers`. */
export function credentialsApart(address: string, headers: Record<string, string>): { url: string; headers: Record<string, string> } {
  const u = new URL(address);
  if (!u.username && !u.password) return { url: address, headers };
  const basic = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { url: u.href, headers: { authorization: `Basic ${basic}`, ...headers } };
}

/** SIGNAL_API_URL as printed: without credentials or a query, either of which may hold a proxy's secret. */
export function shown(apiUrl: string): string {
  const u = new URL(apiUrl);
  return `${u.origin}${u.pathname === '/' ? '' : u.pathname}`;
}
