/**
 * The identities list read as it streams in: whatever the chunk boundaries,
 * every object arrives whole; a list cut short, not a list, or an entry too
 * long is refused, never read as complete.
 */
import { ArrayScanError, MAX_OBJECT_CHARS, scanJsonArray } from '../../../src/channels/signal/json-array-scan';

async function* inChunks(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function scanned(text: string, size: number, wanted: (t: string) => boolean = () => true): Promise<unknown[]> {
  const out: unknown[] = [];
  await scanJsonArray(inChunks(text, size), wanted, (v) => out.push(v));
  return out;
}

const LIST = [
  { uuid: 'a', note: 'braces } { ] [ and "quotes" and \\ in strings', nested: { deep: [1, { x: '}' }] } },
  { uuid: 'b', name: 'Zoë 🙂 ünïcode' },
  { uuid: 'c' },
];

describe('scanJsonArray', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('gives every object whole when chunks are %i bytes', async (size) => {
    expect(await scanned(` \n${JSON.stringify(LIST, null, 2)}\n`, size)).toEqual(LIST);
  });

  it('parses only the objects whose text is wanted', async () => {
    expect(await scanned(JSON.stringify(LIST), 5, (t) => t.includes('"c"'))).toEqual([{ uuid: 'c' }]);
  });

  it('reads an empty list', async () => {
    expect(await scanned('[]', 1)).toEqual([]);
  });

  it.each([
    ['a list cut short between entries', JSON.stringify(LIST).slice(0, -1)],
    ['a list cut short inside an entry', JSON.stringify(LIST).slice(0, 20)],
    ['nothing', ''],
    ['an object, not a list', '{"uuid":"a"}'],
    ['a list of strings', '["a"]'],
    ['something after the list', '[{"uuid":"a"}] x'],
    ['an entry that is not JSON', '[{"uuid":a}]'],
    ['an entry too long', `[{"uuid":"${'x'.repeat(MAX_OBJECT_CHARS)}"}]`],
  ])('refuses %s', async (_what, text) => {
    await expect(scanned(text, 4)).rejects.toBeInstanceOf(ArrayScanError);
  });
});
