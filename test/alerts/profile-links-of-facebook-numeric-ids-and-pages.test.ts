/**
 * "facebook.com/100012345678901", a form Facebook gives a profile of a numeric id and redirects to its
 * "profile.php?id=" link, was read as a handle of digits, so a report of one form and a CHECK of the other never met;
 * and "facebook.com/dating" (a page of the site) named the handle @dating. An all-digit Facebook path, and
 * "/people/<name>/<id>" or "/p/<name>-<id>", are read as the one link facebook.com/profile.php?id=<id>, no handle;
 * the site's own pages name none. Facebook's pages are Facebook's only: "instagram.com/media", "t.me/live",
 * "onlyfans.com/jobs" still name their handle, as before Facebook was read.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const ID = '100012345678901';
const ID_LINK = `facebook.com/profile.php?id=${ID}`;
const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);
const links = (text: string) => identifiersIn(text).filter((i) => i.kind === 'link').map((i) => i.value);
const keys = (ids: Array<{ kind: string; value: string }>) => ids.map((i) => `${i.kind}:${i.value}`);

describe('a Facebook profile of a numeric id, however written', () => {
  it.each([
    `his fb https://www.facebook.com/${ID}`,
    `https://m.facebook.com/${ID}/?mibextid=ZbWKwL`,
    `fb.com/${ID}`,
    `https://www.facebook.com/people/Ricky-Sf/${ID}/`,
    `https://www.facebook.com/p/Ricky-Sf-${ID}/`,
  ])('%j is read as the profile.php?id= link, not a handle or a number', (text) => {
    expect(links(text)).toContain(ID_LINK);
    expect(handles(text)).toEqual([]);
    expect(identifiersIn(text).filter((i) => i.kind === 'phone')).toEqual([]);
  });

  it('a report of the profile.php?id= link is found by CHECK of facebook.com/<id>', () => {
    const reported = new Set(keys(identifiersIn(`his fb is https://m.facebook.com/profile.php?id=${ID}&mibextid=ZbWKwL`)));
    const looked = keys(checkQueryGroups(`facebook.com/${ID}`).flat());
    expect(looked.filter((k) => reported.has(k))).toEqual([`link:${ID_LINK}`]);
  });

  it('a report of facebook.com/<id> is found by CHECK of the profile.php?id= link', () => {
    const reported = new Set(keys(identifiersIn(`his fb is https://www.facebook.com/${ID}`)));
    const looked = keys(checkQueryGroups(ID_LINK).flat());
    expect(looked.filter((k) => reported.has(k))).toEqual([`link:${ID_LINK}`]);
  });
});

describe("Facebook's own pages", () => {
  it.each(['dating', 'messenger', 'games', 'gaming', 'marketplace', 'watch', 'reels', 'friends', 'groups', 'settings'])(
    'facebook.com/%s names no handle',
    (page) => {
      expect(handles(`met him on https://www.facebook.com/${page}`)).toEqual([]);
    },
  );

  it.each([
    ['instagram.com/media', 'media'],
    ['t.me/live', 'live'],
    ['onlyfans.com/jobs', 'jobs'],
    ['x.com/people', 'people'],
  ])('%j, a page of Facebook only, still names the handle %j', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
  });
});
