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
  'snapchat.com': /^\/(?:add\/|@)([^/@]+)$/,
  'facebook.com': /^\/([^/@]+)$/,
};

// Pages of those sites that are no one's profile.
const ROUTES = new Set([
  'about', 'accounts', 'direct', 'explore', 'help', 'hashtag', 'home', 'i', 'intent', 'legal', 'login', 'messages',
  'my', 'notifications', 'p', 'privacy', 'reel', 'reels', 'search', 'settings', 'share', 'signup', 'stories', 'terms',
  'tv', 'joinchat', 's', 'addstickers', 'download', 'discover', 'web', 'new',
]);

// Facebook's own pages besides: on another site each may be someone's name ("instagram.com/media", "t.me/live").
const FACEBOOK_ROUTES = new Set([
  'people', 'pages', 'groups', 'events', 'watch', 'marketplace', 'photo', 'photos', 'sharer', 'gaming', 'friends',
  'business', 'ads', 'policies', 'bookmarks', 'saved', 'memories', 'pg', 'dialog', 'plugins', 'fundraisers', 'jobs',
  'places', 'media', 'video', 'videos', 'live', 'latest', 'feeds', 'recover', 'checkpoint', 'lite', 'story', 'me',
  'profile', 'notes', 'dating', 'messenger', 'games', 'instantgames', 'gamingvideo', 'offers', 'shops', 'shop',
  'reg', 'logout', 'findfriends', 'birthdays', 'onthisday', 'pay', 'facebookpay', 'donate', 'nonprofits', 'support',
  'communitystandards', 'careers', 'developers', 'directory', 'composer', 'posts', 'permalink', 'l', 'r', 'tr',
  'ajax', 'api', 'security', 'privacy_center', 'avatars', 'coronavirus_info', 'weather', 'crisisresponse', 'blood',
]);

// A page of a script ("profile.php", "home.php") is no name.
const NAME = /^(?!.*\.php$)[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?$/;

// What the apps add to a profile link they share ("?igsh=…", "?hl=en", "?s=21&t=…", "?_t=…&_r=1", Snapchat's
// "?share_id=…&locale=en-US", Threads' "?xmt=…"): still the profile. Any other query may be a page of it
// ("?page=2"), naming no handle plainly.
const SHARE_PARAMS = new Set(['igsh', 'igshid', 'hl', 'lang', 's', 't', 'si', '_t', '_r', 'is_from_webapp', 'sender_device', 'share_id', 'locale', 'xmt', 'mibextid', 'rdid', 'sfnsn']);

// The hosts a Facebook profile is shared from ("m.facebook.com", "mbasic.facebook.com", "fb.com"): each read as
// facebook.com, so every form names the one handle. Not the shortener fb.me: its codes ("fb.me/1LfLrb9aW") are
// shortened pages and posts, no one's name.
const FACEBOOK = /^(?:(?:m|mobile|web|mbasic|touch)\.)?(?:facebook|fb)\.com$/;

/** The handle a normalised link (as normalizeLink gives it: host, path and query, lower case) names; null when none plainly. */
export function profileHandle(full: string): string | null {
  const [link = '', query] = full.split('?', 2);
  if (query !== undefined && ![...new URLSearchParams(query).keys()].every((key) => SHARE_PARAMS.has(key))) return null;
  const slash = link.indexOf('/');
  if (slash < 0) return null;
  const host = link.slice(0, slash);
  const site = FACEBOOK.test(host) ? 'facebook.com' : host.replace(/^(?:m|mobile|web)\./, '');
  const path = PROFILE_PATHS[site]?.exec(link.slice(slash));
  const name = path?.[1] ?? '';
  // "facebook.com/100012345678901" is a numeric id, the profile.php?id= link's (profileIdLink), no handle.
  if (FACEBOOK.test(host) && (FACEBOOK_ROUTES.has(name) || /^\d+$/.test(name))) return null;
  return name.length >= 2 && NAME.test(name) && !ROUTES.has(name) ? name : null;
}

// The paths Facebook gives a profile of a numeric id, and redirects to its profile.php?id= link: "/<id>",
// "/people/<name>/<id>", "/p/<name>-<id>".
const ID_PATH = /^\/(?:people\/[^/]+\/|p\/[^/]*-)?(\d{1,20})$/;

/**
 * The one link a Facebook profile of a numeric id is known by, "facebook.com/profile.php?id=<digits>", however the
 * app wrote it (another host, share parameters, one of ID_PATH's paths); null for any other link. Not a handle: the handle index is compared
 * with what members write as handles, and a bare run of digits is read as a phone number there, so the id stays a
 * link, whose own index no number or handle reaches.
 */
export function profileIdLink(full: string): string | null {
  const [link = '', query = ''] = full.split('?', 2);
  const slash = link.indexOf('/');
  if (slash < 0 || !FACEBOOK.test(link.slice(0, slash))) return null;
  const params = new URLSearchParams(query);
  const path = link.slice(slash);
  const id = path === '/profile.php' ? (params.get('id') ?? '') : (ID_PATH.exec(path)?.[1] ?? '');
  if (!/^\d{1,20}$/.test(id) || ![...params.keys()].every((key) => key === 'id' || SHARE_PARAMS.has(key))) return null;
  return `facebook.com/profile.php?id=${id}`;
}
