import { errorFrame, parseSignalItem, receiveException, untrustedSender } from '../../../src/channels/signal/signal-envelope';

const ACCOUNT = '+15005550199';
const UUID = '7ccae375-cd51-4c82-8b1e-7be3280aa485';
const NUMBER = '+14155550123';

/** An envelope as signal-cli-rest-api delivers it, with `extra` merged in. */
function env(extra: Record<string, unknown>, base: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    envelope: {
      source: NUMBER,
      sourceNumber: NUMBER,
      sourceUuid: UUID,
      sourceName: 'Ana',
      sourceDevice: 1,
      timestamp: 1745372297238,
      serverReceivedTimestamp: 1745372294830,
      serverDeliveredTimestamp: 1745372294831,
      ...base,
      ...extra,
    },
    account: ACCOUNT,
  };
}

const data = (message: unknown, more: Record<string, unknown> = {}) => ({
  dataMessage: { timestamp: 1745372297238, message, expiresInSeconds: 0, viewOnce: false, ...more },
});

describe('parseSignalItem', () => {
  it('reads a direct text message with a visible number', () => {
    expect(parseSignalItem(env(data('JOIN 415')))).toEqual({
      sender: { channel: 'signal', address: UUID, phone: NUMBER },
      text: 'JOIN 415',
      providerId: `${UUID}:1745372297238`,
      media: false,
      sentAt: 1745372297238,
      serverReceivedAt: 1745372294830,
    });
  });

  it("keeps Signal's server time apart from the phone's, and null when the envelope lacks it", () => {
    expect(parseSignalItem(env({ ...data('OK'), serverReceivedTimestamp: 1700000000000 }))).toMatchObject({ sentAt: 1745372297238, serverReceivedAt: 1700000000000 });
    expect(parseSignalItem(env({ ...data('OK'), serverReceivedTimestamp: undefined }))).toMatchObject({ sentAt: 1745372297238, serverReceivedAt: null });
    expect(parseSignalItem(env({ ...data('OK'), serverReceivedTimestamp: 'soon' }))).toMatchObject({ serverReceivedAt: null });
  });

  const PHOTO = { contentType: 'image/jpeg', id: 'abc', size: 10 };
  it.each([
    ['a photo without text', data(null, { attachments: [PHOTO] }), ''],
    ['a voice note with an empty text', data('', { attachments: [{ contentType: 'audio/aac', id: 'v1', size: 9, voiceNote: true }] }), ''],
    ['a sticker', data(null, { sticker: { packId: 'p', stickerId: 2 } }), ''],
    ['a photo with a caption', data('REPORT 415 this man', { attachments: [PHOTO] }), 'REPORT 415 this man'],
  ])('reads %s as a message that carried media, keeping only its text', (_name, dataMessage, text) => {
    expect(parseSignalItem(env(dataMessage))).toMatchObject({ text, media: true, providerId: `${UUID}:1745372297238` });
  });

  // Signal sends a text longer than 2,000 bytes as its start in the body and the whole in an attachment of this type.
  const LONG_TEXT = { contentType: 'text/x-signal-plain', id: 'long1', size: 2600, filename: null };
  it('reads a long message as its text, not as a message that carried a file', () => {
    const start = `REPORT 415 ${'he followed me to the car park and '.repeat(60)}`.slice(0, 2000);
    expect(parseSignalItem(env(data(start, { attachments: [LONG_TEXT] })))).toMatchObject({ text: start, media: false });
    // A long text with a photo besides still carried media.
    expect(parseSignalItem(env(data(start, { attachments: [LONG_TEXT, PHOTO] })))).toMatchObject({ text: start, media: true });
  });

  it('reads a message whose sender hides their number (sourceNumber null)', () => {
    const parsed = parseSignalItem(env(data('HELP'), { source: UUID, sourceNumber: null }));
    expect(parsed?.sender).toEqual({ channel: 'signal', address: UUID });
    expect(parsed?.sender.phone).toBeUndefined();
  });

  it('lower-cases the UUID so the same person is always the same member', () => {
    expect(parseSignalItem(env(data('HELP'), { sourceUuid: UUID.toUpperCase() }))?.sender.address).toBe(UUID);
  });

  it('accepts a raw JSON-RPC receive notification too', () => {
    const rpc = { jsonrpc: '2.0', method: 'receive', params: env(data('AREAS')) };
    expect(parseSignalItem(rpc)?.text).toBe('AREAS');
  });

  it('keeps at most 4,000 characters', () => {
    expect(parseSignalItem(env(data('x'.repeat(10_000))))?.text).toHaveLength(4000);
  });

  const ignored: Array<[string, unknown]> = [
    ['a delivery receipt', env({ receiptMessage: { when: 1, isDelivery: true, isRead: false, isViewed: false, timestamps: [1] } })],
    ['a read receipt', env({ receiptMessage: { when: 1, isDelivery: false, isRead: true, isViewed: false, timestamps: [1] } })],
    ['a typing indicator', env({ typingMessage: { action: 'STARTED', timestamp: 1745372297238 } })],
    ['a sync message from our own linked device', env({ syncMessage: { sentMessage: { destination: NUMBER, message: 'JOIN 415', timestamp: 1 } } })],
    ['a sync read message', env({ syncMessage: { readMessages: [{ sender: NUMBER, timestamp: 1 }] } })],
    ['a story', env({ storyMessage: { allowsReplies: true, textAttachment: { text: 'JOIN 415' } } })],
    ['a group message', env(data('JOIN 415', { groupInfo: { groupId: 'aGVsbG8=', type: 'DELIVER', revision: 3 } }))],
    ['an edit of a group message', env({ editMessage: { targetSentTimestamp: 1745372297000, dataMessage: { timestamp: 1745372297238, message: 'REPORT again', groupInfo: { groupId: 'aGVsbG8=', type: 'DELIVER', revision: 3 } } } })],
    ['a reaction', env(data(null, { reaction: { emoji: '👍', targetAuthor: NUMBER, targetSentTimestamp: 1, isRemove: false } }))],
    ['a remote delete', env(data(null, { remoteDelete: { timestamp: 1 } }))],
    ['a call', env({ callMessage: { offerMessage: { id: 1 } } })],
    ['a disappearing-timer change', env(data(null, { expiresInSeconds: 3600 }))],
    ['an empty list of attachments', env(data(null, { attachments: [] }))],
    ['an empty text', env(data('   '))],
    ['an envelope without sourceUuid', env(data('JOIN'), { sourceUuid: undefined })],
    ['an envelope whose sourceUuid is not a UUID', env(data('JOIN'), { sourceUuid: 'not-a-uuid' })],
    ['an envelope without a timestamp', env({ dataMessage: { message: 'JOIN' } }, { timestamp: 'soon' })],
    ['an error frame', { error: 'Signal service unavailable' }],
    ['null', null],
    ['a number', 42],
    ['a string', '{"envelope":{}}'],
    ['an array', [env(data('JOIN'))]],
    ['an envelope that is a string', { envelope: 'JOIN', account: ACCOUNT }],
    ['a dataMessage that is an array', env({ dataMessage: ['JOIN'] })],
    ['a message that is a number', env(data(415))],
    ['a message that is an object', env(data({ toString: 'JOIN' }))],
  ];

  it.each(ignored)('ignores %s', (_name, item) => {
    expect(parseSignalItem(item)).toBeNull();
  });

  it('never throws, even on hostile getters', () => {
    const hostile = {
      get envelope(): never {
        throw new Error('boom');
      },
    };
    expect(parseSignalItem(hostile)).toBeNull();
    const proxy = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(parseSignalItem({ envelope: proxy })).toBeNull();
  });

  it('ignores a sourceNumber that is not a phone number, keeping the UUID', () => {
    expect(parseSignalItem(env(data('HELP'), { sourceNumber: 'abc' }))?.sender).toEqual({ channel: 'signal', address: UUID });
  });

  it('keeps a sourceNumber in a range the number metadata does not list yet (Signal verified it)', () => {
    expect(parseSignalItem(env(data('HELP'), { sourceNumber: '+441000123456' }))?.sender).toEqual({ channel: 'signal', address: UUID, phone: '+441000123456' });
  });
});

describe('errorFrame', () => {
  it('recognises the error frames the websocket carries', () => {
    expect(errorFrame({ error: 'oops' })).toBe('oops');
    expect(errorFrame(env(data('JOIN')))).toBeNull();
    expect(errorFrame('oops')).toBeNull();
  });
});

describe('untrustedSender', () => {
  // signal-cli (on-first-use) for a message it could not decrypt: the sender's new key is not trusted; no dataMessage.
  const untrusted = (type: unknown = 'UntrustedIdentityException', base: Record<string, unknown> = {}) => ({
    ...env({}, base),
    exception: { message: `Untrusted identity: ${UUID}`, type },
  });

  it("names the sender of a message signal-cli could not decrypt because their key changed, which is no message", () => {
    expect(untrustedSender(untrusted())).toBe(UUID);
    expect(untrustedSender(untrusted(undefined, { sourceUuid: UUID.toUpperCase() }))).toBe(UUID);
    expect(untrustedSender({ jsonrpc: '2.0', method: 'receive', params: untrusted() })).toBe(UUID);
    expect(parseSignalItem(untrusted())).toBeNull();
  });

  it('names no one for other failures, a message read, or a sender without a UUID', () => {
    expect(untrustedSender(untrusted('InvalidMessageException'))).toBeNull();
    expect(untrustedSender(env(data('JOIN')))).toBeNull();
    expect(untrustedSender(untrusted(undefined, { sourceUuid: null }))).toBeNull();
    expect(untrustedSender('oops')).toBeNull();
  });

  it("gives a failure's type only, never its message (which names the sender)", () => {
    expect(receiveException(untrusted('ProtocolInvalidMessageException'))).toBe('ProtocolInvalidMessageException');
    expect(receiveException(untrusted(`Untrusted identity: ${UUID} ${NUMBER}`))).toBe('unknown');
    expect(receiveException(env(data('JOIN')))).toBeNull();
  });
});
