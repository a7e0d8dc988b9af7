/**
 * A profile link of a known site names a handle plainly: the handle is read
 * with the link, so CHECK of either finds an alert that gave the other. A
 * link that is a page of the site, a post or anything past the name names
 * none: a false handle matches whoever has it.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);
const links = (text: string) => identifiersIn(text).filter((i) => i.kind === 'link').map((i) => i.value);

describe('the handle a profile link names', () => {
  it.each([
    ['his profile is instagram.com/ricky_sf', 'ricky_sf'],
    ['https://www.instagram.com/Ricky.SF/?utm_source=ig', 'ricky.sf'],
    ['tiktok.com/@rickysf99 posts', 'rickysf99'],
    ['x.com/rick_the_guy', 'rick_the_guy'],
    ['onlyfans.com/rickysf', 'rickysf'],
    ['https://t.me/rickysf', 'rickysf'],
    ['snapchat.com/add/ricky.sf', 'ricky.sf'],
  ])('%j names the link and the handle %j', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
    expect(links(text)).toHaveLength(1);
  });

  it.each([
    'instagram.com/p/CxYz123',
    'instagram.com/explore',
    'instagram.com/ricky_sf/reels',
    'x.com/home',
    'x.com/rick/status/123',
    'tiktok.com/rickysf',
    'eros.com/ricky_sf',
    'instagram.com/ricky_s...',
    'onlyfans.com/rickysf?page=2',
  ])('%j names no handle', (text) => {
    expect(handles(text)).toEqual([]);
  });
  it.each([
    ['instagram.com/ricky_sf?igsh=MWx0b2Q', 'ricky_sf'],
    ['https://www.instagram.com/ricky_sf/?hl=en', 'ricky_sf'],
    ['https://m.instagram.com/ricky_sf?igshid=abc123', 'ricky_sf'],
    ['https://x.com/rickysf?s=21&t=abc', 'rickysf'],
    ['https://www.tiktok.com/@rickysf?_t=8abc&_r=1', 'rickysf'],
  ])('%j, as the app shares it, names the handle %j', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
    expect(links(text)).toHaveLength(1);
  });

  it.each(['instagram.com/ricky_sf?igsh=abc&page=2', 'x.com/rickysf?s=21&q=ricky', 'instagram.com/ricky_sf?story=1'])(
    '%j names no handle: a query of anything but share parameters',
    (text) => {
      expect(handles(text)).toEqual([]);
    },
  );
});
