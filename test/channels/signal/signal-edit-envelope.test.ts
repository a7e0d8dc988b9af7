/**
 * A Signal edit of an earlier message, as signal-cli-rest-api delivers it
 * (receive.EditMessage: targetSentTimestamp and the new version as a
 * dataMessage): read as an edit whose text is never read, so that the bot
 * can answer it without acting on it.
 */
import { parseSignalItem } from '../../../src/channels/signal/signal-envelope';

const ACCOUNT = '+15005550199';
const UUID = '7ccae375-cd51-4c82-8b1e-7be3280aa485';
const NUMBER = '+14155550123';
const SENT = 1745372297238;

function editItem(editMessage: unknown, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    envelope: { source: NUMBER, sourceNumber: NUMBER, sourceUuid: UUID, sourceName: 'Ana', sourceDevice: 1, timestamp: SENT, serverReceivedTimestamp: SENT - 10, editMessage, ...more },
    account: ACCOUNT,
  };
}

const newVersion = (more: Record<string, unknown> = {}) => ({ timestamp: SENT, message: 'EDIT K7Q2 grey van, Elm St area', expiresInSeconds: 0, viewOnce: false, ...more });

describe('a Signal edit', () => {
  it('is a message marked as an edit, its new text not read, under its own timestamp', () => {
    expect(parseSignalItem(editItem({ targetSentTimestamp: SENT - 60_000, dataMessage: newVersion() }))).toEqual({
      sender: { channel: 'signal', address: UUID, phone: NUMBER },
      text: '',
      providerId: `${UUID}:${SENT}`,
      media: false,
      edited: true,
      sentAt: SENT,
      serverReceivedAt: SENT - 10,
    });
  });

  it('is one whatever its new version holds: a photo added, no text at all, a text far too long', () => {
    for (const dataMessage of [newVersion({ attachments: [{ contentType: 'image/jpeg', id: 'a', size: 9 }] }), newVersion({ message: null }), newVersion({ message: 'x'.repeat(100_000) })]) {
      expect(parseSignalItem(editItem({ targetSentTimestamp: 1, dataMessage }))).toMatchObject({ text: '', media: false, edited: true });
    }
  });

  it('from someone hiding their number is hers by UUID alone', () => {
    expect(parseSignalItem(editItem({ targetSentTimestamp: 1, dataMessage: newVersion() }, { sourceNumber: null, source: UUID }))?.sender).toEqual({ channel: 'signal', address: UUID });
  });

  it.each<[string, unknown]>([
    ['an edit of a group message', { targetSentTimestamp: 1, dataMessage: newVersion({ groupInfo: { groupId: 'aGVsbG8=', type: 'DELIVER', revision: 3 } }) }],
    ['an edit of a group v2 message', { targetSentTimestamp: 1, dataMessage: newVersion({ groupV2: { id: 'x' } }) }],
    ['an edit with no new version', { targetSentTimestamp: 1 }],
    ['an edit whose new version is a string', { targetSentTimestamp: 1, dataMessage: 'REPORT again' }],
    ['an edit that is a string', 'REPORT again'],
    ['an edit that is an array', [newVersion()]],
  ])('ignores %s', (_name, editMessage) => {
    expect(parseSignalItem(editItem(editMessage))).toBeNull();
  });

  it('ignores an edit with no usable timestamp', () => {
    expect(parseSignalItem(editItem({ targetSentTimestamp: 1, dataMessage: newVersion({ timestamp: 'soon' }) }, { timestamp: -1 }))).toBeNull();
  });
});
