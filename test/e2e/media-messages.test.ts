/**
 * A photo, voice note or file sent to the line: over SMS (an MMS, Twilio's
 * NumMedia) and over Signal (an attachment). Heads Up reads only text: a
 * message that is nothing else is told so, and a question of a conversation
 * stays open instead of being skipped as an empty answer.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { MAX_MESSAGE_CHARS } from '../../src/bot/sms-segments';
import { refOf, SIGNAL_NUMBER, waitFor, type Harness } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';

const t = catalog('en');
const ROSA = '+14155550101';
const MODERATOR = '+14155550199';
const PHOTO = { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1', MediaContentType0: 'image/jpeg' };
const ANA = { uuid: '2c3d4e5f-6a7b-4c8d-9e0f-000000000001', number: null };

/** A Signal message that is a photo and nothing else. */
function photoEnvelope(from: { uuid: string; number: string | null }): Record<string, unknown> {
  const item = textEnvelope(SIGNAL_NUMBER, from, '') as { envelope: { dataMessage: Record<string, unknown> } };
  item.envelope.dataMessage = { ...item.envelope.dataMessage, message: null, attachments: [{ contentType: 'image/jpeg', id: 'a1', size: 2048 }] };
  return item;
}

describe('photos, voice notes and files', () => {
  let world: SignalWorld;
  let signal: FakeSignal;
  let h: Harness;

  beforeAll(async () => {
    // The hint's hour (a window aligned to the clock) must not end between two messages of a test.
    world = await startSignalWorld({ mode: 'normal', sms: true, env: { MODERATORS: MODERATOR }, now: clockFrom(EARLY_IN_A_DAY) });
    ({ signal, h } = world);
  });
  afterAll(() => world.close());

  it('over SMS: an MMS with no words is told that only text reaches the line', async () => {
    const reply = await h.sms(ROSA, '', { extra: PHOTO });
    expect(reply.status).toBe(200);
    expect(reply.message).toBe(t.mediaNotRead(false));
    // A plain empty SMS is not a photo: the usual hint, once an hour, already given.
    expect((await h.sms(ROSA, '', { extra: { NumMedia: '0' } })).message).toBeNull();
  });

  it('over SMS: a photo in the middle of a guided report leaves its question open', async () => {
    const REPORTER = '+14155550102';
    expect((await h.sms(REPORTER, 'REPORT')).message).toBe(t.reportAsk('what'));
    expect((await h.sms(REPORTER, '1')).message).toBe(t.reportAsk('when'));
    expect((await h.sms(REPORTER, '', { extra: PHOTO })).message).toBe(t.mediaNotRead(true));
    expect((await h.sms(REPORTER, 'Fri 11pm')).message).toBe(t.reportAsk('where'));
    // Words with a photo answer the question; the reply says the photo was not kept.
    expect((await h.sms(REPORTER, 'Motel 6 on Lombard', { extra: PHOTO })).message).toBe(`${t.reportAsk('person')} ${t.mediaNotKept()}`);
  });

  it('over SMS: a reply as long as one SMS can carry (SHOW of a long report) is sent whole, without the aside', async () => {
    const text = `REPORT 415 ${'tall man grey van took my phone and would not pay '.repeat(40)}`.slice(0, MAX_MESSAGE_CHARS);
    const ref = refOf((await h.sms('+14155550150', text)).message);
    const plain = (await h.sms(MODERATOR, `SHOW ${ref}`)).message as string;
    expect(plain.length).toBeGreaterThan(MAX_MESSAGE_CHARS - t.mediaNotKept().length);
    expect((await h.sms(MODERATOR, `SHOW ${ref}`, { extra: PHOTO })).message).toBe(plain);
    // A short one still carries it.
    expect((await h.sms(MODERATOR, 'PENDING', { extra: PHOTO })).message).toContain(t.mediaNotKept());
  });

  it('over Signal: a photo with no words is answered the same way, once', async () => {
    signal.push(photoEnvelope(ANA));
    await waitFor(() => signal.to(ANA.uuid).length === 1, 10_000, 'the answer to the photo');
    expect(signal.to(ANA.uuid)[0]?.message).toBe(t.mediaNotRead(false));
    // Words are read as ever.
    signal.push(textEnvelope(SIGNAL_NUMBER, ANA, 'HELP'));
    await waitFor(() => signal.to(ANA.uuid).length === 2, 10_000, 'the answer to HELP');
    expect(signal.to(ANA.uuid)[1]?.message).toBe(t.help());
  });
});
