/**
 * A Snapchat profile link as the app shares it ("snapchat.com/add/rickysf?share_id=…&locale=en-US") and a Threads one
 * ("threads.net/@rickysf?xmt=…") named no handle: their share parameters were taken for a page of the profile, and
 * CHECK @rickysf missed the report that gave the link.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { profileHandle } from '../../src/alerts/profile-links';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('a profile link with the share parameters of its app', () => {
  it.each([
    'his snap snapchat.com/add/rickysf?share_id=MTIzNDU2Nzg&locale=en-US',
    'his snap https://www.snapchat.com/add/rickysf?share_id=MTIzNDU2Nzg',
    'his snap https://snapchat.com/add/rickysf?locale=es-MX',
    'threads https://www.threads.net/@rickysf?xmt=AQGzAbCdEf',
  ])('%j names the handle rickysf', (text) => {
    expect(handles(text)).toEqual(['rickysf']);
  });

  it('still names none with a parameter of a page of the profile', () => {
    expect(profileHandle('snapchat.com/add/rickysf?share_id=abc&page=2')).toBeNull();
  });
});
