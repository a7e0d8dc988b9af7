/**
 * parseBatch reads a poll's answer as signal-cli-rest-api builds it: every
 * line signal-cli printed joined with ',' inside '[…]' (client.go Receive),
 * so a line that is not JSON costs only itself, never the messages beside it.
 */
import { parseBatch } from '../../../src/channels/signal/receive-batch';

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
