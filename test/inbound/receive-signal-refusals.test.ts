/**
 * What receiveSignal hands back to the Signal receiver when the inbound path could not even keep a message:
 * a refusal of the disk's (a full disk) is passed on, so the receiver holds the message and offers it again;
 * any other failure would come back every time, and one such message would stop all receiving behind it.
 */
import type { InboundPath } from '../../src/inbound/inbound-path';
import { receiveSignal } from '../../src/inbound/receive-signal';
import { createLogger } from '../../src/log/logger';
import { textEnvelope } from '../fakes/fake-signal';

const ACCOUNT = '+14155550100';
const SENDER = { uuid: '2c3d4e5f-6a7b-4c8d-9e0f-000000000101', number: '+14155550101' };

function refusing(err: unknown): InboundPath {
  return { submit: () => Promise.reject(err) } as unknown as InboundPath;
}

const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('receiveSignal when the inbound path could not keep a message', () => {
  it.each([
    ['a full disk', full],
    ['a disk error', Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })],
  ])('passes on %s: the receiver holds the message and offers it again', async (_what, err) => {
    const handle = receiveSignal(refusing(err), createLogger('silent'));
    await expect(handle(textEnvelope(ACCOUNT, SENDER, 'REPORT 415 grey van'))).rejects.toBe(err);
  });

  it('lets any other failure go (logged): it would come back every time and stop the messages behind it', async () => {
    const handle = receiveSignal(refusing(new TypeError('not the disk')), createLogger('silent'));
    await expect(handle(textEnvelope(ACCOUNT, SENDER, 'REPORT 415 grey van'))).resolves.toBeUndefined();
  });
});
