/**
 * The handle a profile link of a known site names plainly
 * ("instagram.com/ricky_sf" is @ricky_sf): members CHECK a client's handle
 * as often as his link, and a report may give either. Only a link that is
 * the profile itself, with nothing after the name, and a name no route of the
 * site takes ("instagram.com/explore", "x.com/home"): a false handle would
 * match whoever has it. Pure.
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
  'snapchat.com': /^\/add\/([^/@]+)$/,
};

// Pages of those sites that are no one's profile.
const ROUTES = new Set([
  'about', 'accounts', 'direct', 'explore', 'help', 'hashtag', 'home', 'i', 'intent', 'legal', 'login', 'messages',
  'my', 'notifications', 'p', 'privacy', 'reel', 'reels', 'search', 'settings', 'share', 'signup', 'stories', 'terms',
  'tv', 'joinchat', 's', 'addstickers', 'download', 'discover', 'web', 'new',
]);

const NAME = /^[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?$/;

/** The handle a normalised link (as normalizeLink gives it: host and path, lower case) names; null when none plainly. */
export function profileHandle(link: string): string | null {
  if (link.includes('?')) return null;
  const slash = link.indexOf('/');
  if (slash < 0) return null;
  const path = PROFILE_PATHS[link.slice(0, slash).replace(/^(?:m|mobile)\./, '')]?.exec(link.slice(slash));
  const name = path?.[1] ?? '';
  return name.length >= 2 && NAME.test(name) && !ROUTES.has(name) ? name : null;
}
