/**
 * After a handle label, a word with an underscore is a handle; but half of
 * an italic phrase ("his insta was _totally fake_") is none, and a handle
 * that merely opens like a phone's file name ("photo_4you") is one: only a
 * whole file name ("photo_2024-03-12_22-15-01") is blanked.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const handles = (text: string) => identifiersIn(text).filter((i) => i.kind === 'handle').map((i) => i.value);

describe('a handle after its label', () => {
  it.each(['his insta was _totally fake_ lol', 'su insta era _muy falso_', 'snap: _not his real one_'])('%j: italics invent no handle', (text) => {
    expect(handles(text)).toEqual([]);
  });

  it.each([
    ['his ig is photo_4you', 'photo_4you'],
    ['his snap is img_2good', 'img_2good'],
    ['insta: dsc_1990s', 'dsc_1990s'],
    ['his insta is video_3rick', 'video_3rick'],
    ['snap: _rick_', '_rick_'],
  ])('%j names %j, though it opens like a file name or is wrapped in underscores', (text, handle) => {
    expect(handles(text)).toEqual([handle]);
  });

  it('names the handle of a Threads link on threads.com, as the app now shares it', () => {
    expect(handles('threads https://www.threads.com/@rickysf?xmt=AQGzAbCdEf')).toEqual(['rickysf']);
  });
});
