/**
 * parseBatch reads a poll's answer as signal-cli-rest-api builds it: every
 * line signal-cli printed joined with ',' inside '[…]' (client.go Receive),
 * so a line that is not JSON costs only itself, never the messages beside it.
 */
import { MAX_BATCH, MAX_ENVELOPE_BYTES, parseBatch } from '../../../src/channels/signal/receive-batch';

const item = (n: number, text = `message ${n}`) => JSON.stringify({ envelope: { sourceUuid: 'u', timestamp: n, dataMessage: { message: text } }, account: '+15005550199' });
const TRACE = ['java.lang.NullPointerException: Cannot invoke "String.length()"', '\tat org.asamk.signal.json.JsonReaction.from(JsonReaction.java:31)'];
const joined = (lines: string[]) => `[${lines.join(',')}]`;
const stamps = (batch: ReturnType<typeof parseBatch>) => batch?.items.map((i) => (i as { envelope: { timestamp: number } }).envelope.timestamp);

describe('parseBatch', () => {
  it('reads a JSON array whole, an empty body as none, and a lone object as a batch of one', () => {
    expect(parseBatch(joined([item(1), item(2)]), 10_000)).toEqual({ items: [JSON.parse(item(1)), JSON.parse(item(2))], dropped: 0 });
    expect(parseBatch('', 10_000)).toEqual({ items: [], dropped: 0 });
    expect(parseBatch('[]', 10_000)).toEqual({ items: [], dropped: 0 });
    expect(parseBatch(item(3), 10_000)).toEqual({ items: [JSON.parse(item(3))], dropped: 0 });
  });

  it('keeps every message of an array a stack trace follows, precedes or splits', () => {
    expect(parseBatch(joined([item(1), item(2), ...TRACE]), 10_000)).toEqual({ items: [JSON.parse(item(1)), JSON.parse(item(2))], dropped: 1 });
    expect(stamps(parseBatch(joined([...TRACE, item(1)]), 10_000))).toEqual([1]);
    expect(parseBatch(joined([item(1), ...TRACE, item(2), ...TRACE]), 10_000)).toMatchObject({ dropped: 2 });
    expect(stamps(parseBatch(joined([item(1), ...TRACE, item(2), ...TRACE]), 10_000))).toEqual([1, 2]);
    expect(parseBatch(joined(TRACE), 10_000)).toEqual({ items: [], dropped: 1 });
  });

  it('is not misled by brackets, braces, commas and quotes inside a message text', () => {
    const tricky = item(7, 'a "quote"},{"envelope":[1,{x}], \\ and ]');
    expect(stamps(parseBatch(joined([tricky, ...TRACE, item(8)]), 10_000))).toEqual([7, 8]);
    expect((parseBatch(joined([tricky, ...TRACE]), 10_000)?.items[0] as { envelope: { dataMessage: { message: string } } }).envelope.dataMessage.message).toBe(
      'a "quote"},{"envelope":[1,{x}], \\ and ]',
    );
  });

  it('drops what is not a whole object: a message cut short, a number, an array, one longer than the bound', () => {
    const cut = item(1).slice(0, 40);
    expect(stamps(parseBatch(joined([cut, item(2)]), 10_000))).toEqual([2]);
    // Counted by stretch between the objects kept: '42,[1,2]' is one, 'null' and the trace after it another.
    expect(parseBatch(joined(['42', '[1,2]', item(3), 'null', ...TRACE]), 10_000)).toEqual({ items: [JSON.parse(item(3))], dropped: 2 });
    const long = item(4, 'x'.repeat(500));
    expect(stamps(parseBatch(joined([long, ...TRACE, item(5)]), 200))).toEqual([5]);
    // A closing brace followed by more than upstream's ',' is not a whole element.
    expect(stamps(parseBatch(`[${item(6)}trailing,${item(9)}]`, 10_000))).toEqual([9]);
  });

  it('keeps a full batch of long messages a stack trace follows, at the envelope bound the receiver reads with', () => {
    const long = Array.from({ length: MAX_BATCH }, (_, n) => item(n + 1, `${n} ${'x'.repeat(50_000)}`));
    const batch = parseBatch(joined([...long, ...TRACE]), MAX_ENVELOPE_BYTES);
    expect(stamps(batch)).toEqual(Array.from({ length: MAX_BATCH }, (_, n) => n + 1));
    expect(batch?.dropped).toBe(1);
    // The longest a sender can make: 256 KiB of control characters, written as \u0001 escapes (1.5 MB).
    const escapes = item(21, '\u0001'.repeat(256 * 1024));
    expect(escapes.length).toBeGreaterThan(1_500_000);
    expect(stamps(parseBatch(joined([escapes, ...TRACE, item(22)]), MAX_ENVELOPE_BYTES))).toEqual([21, 22]);
  });

  it('keeps the last message of a full batch of long messages that ends with messages cut short', () => {
    const long = Array.from({ length: MAX_BATCH }, (_, n) => item(n + 1, `${n} ${'x'.repeat(40_000)}`));
    const cut = item(30).slice(0, 40);
    const batch = parseBatch(joined([...long, cut, cut, cut, item(21), ...TRACE]), MAX_ENVELOPE_BYTES);
    expect(stamps(batch)).toEqual(Array.from({ length: MAX_BATCH + 1 }, (_, n) => n + 1));
    expect(batch?.dropped).toBe(4);
  });

  it('keeps a message exactly as long as the bound, and drops one a character longer', () => {
    const one = item(1, 'a longer message');
    expect(stamps(parseBatch(joined([one, ...TRACE, item(2)]), one.length))).toEqual([1, 2]);
    expect(parseBatch(joined([one, ...TRACE, item(2)]), one.length - 1)).toEqual({ items: [JSON.parse(item(2))], dropped: 1 });
  });

  it('reads a text holding a lone quote before a brace, and a message with arrays (attachments, mentions)', () => {
    expect(stamps(parseBatch(joined([item(1, 'she said "no} and left'), ...TRACE, item(2)]), 10_000))).toEqual([1, 2]);
    const attached = JSON.stringify({ envelope: { sourceUuid: 'u', timestamp: 3, dataMessage: { message: 'photo', attachments: [{ id: 'a1', size: 10 }], mentions: [] } } });
    expect(parseBatch(joined([attached, ...TRACE, item(4)]), 10_000)).toEqual({ items: [JSON.parse(attached), JSON.parse(item(4))], dropped: 1 });
  });

  it('drops a stretch in braces that is not JSON, and a cut message between two, keeping both', () => {
    expect(parseBatch(joined(['{WARN unreadable envelope}', item(2)]), 10_000)).toEqual({ items: [JSON.parse(item(2))], dropped: 1 });
    const cut = item(5).slice(0, 40);
    expect(parseBatch(joined([item(1), cut, item(2), cut, item(3), cut, item(4)]), 10_000)).toEqual({
      items: [1, 2, 3, 4].map((n) => JSON.parse(item(n))),
      dropped: 3,
    });
  });

  it('answers null for a body that is no array at all (a proxy’s page)', () => {
    expect(parseBatch('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', 10_000)).toBeNull();
    expect(parseBatch(`[${item(1)}`, 10_000)).toBeNull();
    expect(parseBatch(`${item(1)},java.lang.Error]`, 10_000)).toBeNull();
  });

  it('stays linear on a hostile body: many openings that never close', () => {
    // Unbounded, each opening would be scanned to the end: some 10^11 steps, far past the test's time-out.
    const body = `[${',{"'.repeat(200_000)}${item(1)}]`;
    const batch = parseBatch(body, 2 * 1024 * 1024);
    expect(batch?.items).toEqual([]);
    expect(batch?.dropped).toBeGreaterThan(0);
  });
});
