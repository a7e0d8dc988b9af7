/**
 * A file name as Telegram gives it ("photo_2024-03-12_22-15-01.jpg") was read as handles between its dashes
 * (photo_2024, 12_22): CHECK of them would match an innocent's. A whole file name, or a word starting as a phone's or
 * an app's files do (IMG_, photo_, video_ then digits), names no handle.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('a file name in a report', () => {
  it.each([
    'he sent me photo_2024-03-12_22-15-01.jpg of his car',
    'video_2024-03-12_22-15-01.mp4 is the proof',
    'see (photo_2024-03-12_22-15-01.jpg).',
    'his ad: ad_shot_22-15.png',
    'photo_2024-03-12_22-15-01 from telegram',
  ])('%j names no handle', (text) => {
    expect(handles(text)).toEqual([]);
  });

  it('leaves the handle written beside it', () => {
    expect(handles('photo_2024-03-12_22-15-01.jpg from his insta rick_sf')).toEqual(['rick_sf']);
  });
});
