/**
 * The handle a profile link of a known site names plainly
 * ("instagram.com/ricky_sf" is @ricky_sf): members CHECK a client's handle
 * as often as his link, and a report may give either. Only a link that is
 * the profile itself, with nothing after the name but the parameters an app
 * adds as it shares it, and a name no route of the site takes
 * ("instagram.com/explore", "x.com/home"): a false handle would match
 * whoever has it. Pure.
 */

// Each site's profile path: the name alone, or after "@" or "add/".
const PROFILE_PATHS: Record<string, RegExp> = {
  'instagram.com': /^\/([^/@]+)$/,
  'twitter.com': /^\/([^/@]+)$/,
  'x.com': /^\/([^/@]+)$/,
  'onlyfans.com': /^\/([^/@]+)$/,
  't.me': /^\/([^/@]+)$/,
  'telegram.me': /^\/([^/@]+)$/,
  'tiktok.com': /^\/@([^/@]+)$/,
  'threads.net': /^\/@([^/@]+)$/,
  'threads.com': /^\/@([^/@]+)$/,
  'snapchat.com': /^\/add\/([^/@]+)$/,
};

// Pages of those sites that are no one's profile.
const ROUTES = new Set([
  'about', 'accounts', 'direct', 'explore', 'help', 'hashtag', 'home', 'i', 'intent', 'legal', 'login', 'messages',
  'my', 'notifications', 'p', 'privacy', 'reel', 'reels', 'search', 'settings', 'share', 'signup', 'stories', 'terms',
  'tv', 'joinchat', 's', 'addstickers', 'download', 'discover', 'web', 'new',
]);

const NAME = /^[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?$/;

// What the apps add to a profile link they share ("?igsh=…", "?hl=en", "?s=21&t=…", "?_t=…&_r=1", Snapchat's
// "?share_id=…&locale=en-US", Threads' "?xmt=…"): still the profile. Any other query may be a page of it
// ("?page=2"), naming no handle plainly.
const SHARE_PARAMS = new Set(['igsh', 'igshid', 'hl', 'lang', 's', 't', 'si', '_t', '_r', 'is_from_webapp', 'sender_device', 'share_id', 'locale', 'xmt']);

/** The handle a normalised link (as normalizeLink gives it: host, path and query, lower case) names; null when none plainly. */
export function profileHandle(full: string): string | null {
  const [link = '', query] = full.split('?', 2);
  if (query !== undefined && ![...new URLSearchParams(query).keys()].every((key) => SHARE_PARAMS.has(key))) return null;
  const slash = link.indexOf('/');
  if (slash < 0) return null;
  const path = PROFILE_PATHS[link.slice(0, slash).replace(/^(?:m|mobile)\./, '')]?.exec(link.slice(slash));
  const name = path?.[1] ?? '';
  return name.length >= 2 && NAME.test(name) && !ROUTES.has(name) ? name : null;
}
