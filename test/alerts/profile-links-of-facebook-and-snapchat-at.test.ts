/**
 * A Facebook profile link ("facebook.com/ricky.sf", from www., m., web. or fb.com) named no handle, nor did a
 * Snapchat one written "snapchat.com/@ricky.sf": CHECK @ricky.sf missed the report that gave the link. A profile of a
 * numeric id ("profile.php?id=100012345678901") is no handle: it is read as one link however the app wrote it, so
 * CHECK of its plain link finds the report that gave it from m.facebook.com with a share parameter.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);
const links = (text: string) => identifiersIn(text).filter((i) => i.kind === 'link').map((i) => i.value);

describe('a Facebook or Snapchat profile link', () => {
  it.each([
    'his fb is facebook.com/ricky.sf',
    'https://www.facebook.com/Ricky.SF',
    'https://m.facebook.com/ricky.sf',
    'https://web.facebook.com/ricky.sf/',
    'fb.com/ricky.sf',
    'https://www.facebook.com/ricky.sf?mibextid=ZbWKwL',
    'snapchat.com/@ricky.sf',
    'https://www.snapchat.com/@ricky.sf?share_id=MTIzNDU2&locale=en-US',
    'https://www.snapchat.com/add/ricky.sf',
  ])('%j names the handle ricky.sf', (text) => {
    expect(handles(text)).toEqual(['ricky.sf']);
  });

  it.each([
    'facebook.com/groups/123456789',
    'facebook.com/marketplace',
    'facebook.com/watch',
    'facebook.com/events/98765',
    'facebook.com/ricky.sf/photos',
    'facebook.com/profile.php',
    'facebook.com/share/1AbCdEfGh',
    'facebook.com/me',
    'facebook.com/profile',
    'facebook.com/notes',
    'facebook.com/ricky.sf?page=2',
    'snapchat.com/@ricky.sf/spotlight',
  ])('%j names no handle', (text) => {
    expect(handles(text)).toEqual([]);
  });

  it.each([
    'https://m.facebook.com/profile.php?id=100012345678901',
    'https://web.facebook.com/profile.php?id=100012345678901&mibextid=ZbWKwL',
    'fb.com/profile.php?id=100012345678901',
  ])('%j is read as the profile of its numeric id, not as a handle or a number', (text) => {
    expect(links(text)).toContain('facebook.com/profile.php?id=100012345678901');
    expect(handles(text)).toEqual([]);
    expect(identifiersIn(text).filter((i) => i.kind === 'phone')).toEqual([]);
  });

  it('CHECK of the plain numeric-id link looks up that one link', () => {
    const groups = checkQueryGroups('facebook.com/profile.php?id=100012345678901');
    expect(groups).toEqual([[{ kind: 'link', value: 'facebook.com/profile.php?id=100012345678901' }]]);
  });
});
