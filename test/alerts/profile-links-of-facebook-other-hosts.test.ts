/**
 * A Facebook profile shared from the app's other hosts ("mbasic.facebook.com/<name>", "touch.facebook.com/<name>")
 * named no handle, while "facebook.com/<name>" names @<name>: a report of one form and a
 * CHECK of the other never met. Every Facebook host is read as facebook.com is, its own pages ("/groups",
 * "/photo.php", "/profile.php" without an id, "/login") naming none, and a numeric id its profile.php?id= link.
 * The shortener fb.me is no profile's host: its codes are shortened pages and posts, no one's handle.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const keys = (ids: Array<{ kind: string; value: string }>) => ids.map((i) => `${i.kind}:${i.value}`);
const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

const HOSTS = ['m.facebook.com', 'mbasic.facebook.com', 'touch.facebook.com', 'web.facebook.com'];

describe('a Facebook profile link of another host', () => {
  it.each(HOSTS)('%s/<name> names the handle facebook.com/<name> names', (host) => {
    expect(handles(`his fb is https://${host}/ricky.sf`)).toEqual(['ricky.sf']);
    expect(handles(`his fb is https://${host}/ricky.sf?mibextid=ZbWKwL`)).toEqual(['ricky.sf']);
  });

  it.each(HOSTS)('CHECK of facebook.com/<name> finds a report of %s/<name>, and the other way round', (host) => {
    const reported = new Set(keys(identifiersIn(`his fb ${host}/ricky.sf`)));
    expect(keys(checkQueryGroups('facebook.com/ricky.sf').flat()).filter((k) => reported.has(k))).toEqual(['handle:ricky.sf']);
    const other = new Set(keys(identifiersIn('his fb https://www.facebook.com/ricky.sf')));
    expect(keys(checkQueryGroups(`${host}/ricky.sf`).flat()).filter((k) => other.has(k))).toEqual(['handle:ricky.sf']);
  });

  it.each(HOSTS.flatMap((host) => ['groups', 'events', 'share', 'photo.php', 'profile.php', 'login'].map((path) => `${host}/${path}`)))(
    '%s names no handle',
    (link) => {
      expect(handles(`see ${link}`)).toEqual([]);
    },
  );

  it.each(['mbasic.facebook.com', 'touch.facebook.com'])('%s/<numeric id> is the profile.php?id= link', (host) => {
    expect(identifiersIn(`fb ${host}/100012345678901`).filter((i) => i.kind === 'link').map((i) => i.value)).toContain(
      'facebook.com/profile.php?id=100012345678901',
    );
  });

  it.each(['fb.me/1LfLrb9aW', 'fb.me/cl', 'fb.me/menu', 'fb.me/ricky.sf', 'fb.me/100012345678901'])('the short link %s names no handle nor profile', (link) => {
    expect(handles(`he shared ${link}`)).toEqual([]);
    expect(identifiersIn(`he shared ${link}`).filter((i) => i.kind === 'link' && i.value.startsWith('facebook.com/')).map((i) => i.value)).toEqual([]);
  });
});
