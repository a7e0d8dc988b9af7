/**
 * "La persona: ¿como era?" / "A pessoa: como era?": a bare "alto" (tall) there was read as Spanish ALTO (STOP),
 * so she lost her alerts, the violence report she was writing was thrown away unseen, and a Portuguese member was
 * switched to Spanish. Where a guided report asks her to describe him or his car (a Suzuki Alto), a bare ALTO the
 * carrier did not act on is her answer, as "No más" is at the last question; anywhere else it is still STOP.
 * Through the real webhook, over loopback, to a fake Twilio.
 */
import { catalog } from '../../../src/bot/catalog';
import { FakeTwilio } from '../../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, refOf, startHarness, type Harness } from '../../helpers/harness';

const MOD = '+14155550199';
const es = catalog('es');
const pt = catalog('pt');
jest.setTimeout(60_000);

describe('a bare ALTO in a guided report', () => {
  let fake: FakeTwilio;
  let h: Harness;
  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url, env: { MODERATORS: MOD, SEND_RATE: '1000' } });
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const say = async (from: string, text: string): Promise<string | null> => (await h.sms(from, text)).message;
  const sayAll = async (from: string, texts: string[]): Promise<void> => {
    for (const t of texts) await say(from, t);
  };

  it('"Alto." answering the person question is her answer: the draft goes on, her alerts stay, the report is filed', async () => {
    const who = '+14155554002';
    await sayAll(who, ['UNIRSE 415', 'REPORTE', '1', 'anoche']);
    expect(await say(who, '415 en mi casa')).toBe(es.reportAsk('person'));
    expect(await say(who, 'Alto.')).toBe(es.reportAsk('vehicle'));
    await sayAll(who, ['SALTAR', 'SALTAR']);
    // The read-back holds her description.
    expect(await say(who, 'SALTAR')).toContain('Alto.');
    const filed = await say(who, 'ENVIAR');
    expect(filed).toBe(es.reportReceived(`#${refOf(filed)}`, ['415']));
    expect(await say(who, 'ZONAS')).toBe(es.areas(['415']));
  });

  it('"alto" from a Portuguese member: the next question, her alerts and her Portuguese stay', async () => {
    const who = '+14155554004';
    await sayAll(who, ['ENTRAR 415', 'DENUNCIAR', '1', 'ontem']);
    expect(await say(who, '415 motel')).toBe(pt.reportAsk('person'));
    expect(await say(who, 'alto')).toBe(pt.reportAsk('vehicle'));
    await sayAll(who, ['PULAR', 'PULAR']);
    expect(await say(who, 'PULAR')).toContain('Pessoa: alto.');
    const filed = await say(who, 'ENVIAR');
    expect(filed).toBe(pt.reportReceived(`#${refOf(filed)}`, ['415']));
    // A word that is no keyword is answered with the hint, in her language: still Portuguese.
    expect(await say(who, 'hmm')).toBe(pt.hint());
    expect(await say(who, 'REGIOES')).toBe(pt.areas(['415']));
  });

  it('"Alto" answering the vehicle question (a Suzuki Alto) is her answer', async () => {
    const who = '+14155554006';
    await sayAll(who, ['UNIRSE 415', 'REPORTE', '3', 'anoche', '415 motel']);
    expect(await say(who, 'SALTAR')).toBe(es.reportAsk('vehicle'));
    expect(await say(who, 'Alto')).toBe(es.reportAsk('contact'));
    await sayAll(who, ['SALTAR']);
    expect(await say(who, 'SALTAR')).toContain('Alto.');
    await say(who, 'DESCARTAR');
    expect(await say(who, 'ZONAS')).toBe(es.areas(['415']));
  });

  it('ALTO out of any question still stops her', async () => {
    const who = '+14155554008';
    await say(who, 'UNIRSE 415');
    expect(await say(who, 'ALTO')).toBe(es.stopped('sms'));
    expect(await say(who, 'ZONAS')).toBe(es.areas([]));
  });

  it('ALTO at a question that asks for no description ("what happened", "anything else") still stops her', async () => {
    const what = '+14155554010';
    await sayAll(what, ['UNIRSE 415', 'REPORTE']);
    expect(await say(what, 'ALTO')).toBe(es.stopped('sms'));
    expect(await say(what, 'ZONAS')).toBe(es.areas([]));
    const other = '+14155554012';
    await sayAll(other, ['UNIRSE 415', 'REPORTE', '1', 'anoche', '415 motel', 'SALTAR', 'SALTAR']);
    expect(await say(other, 'SALTAR')).toBe(es.reportAsk('other'));
    expect(await say(other, 'alto')).toBe(es.stopped('sms'));
    expect(await say(other, 'ZONAS')).toBe(es.areas([]));
  });

  it('at the person question, ALTO in capitals (as the line writes it), ALTO the carrier acted on, PARAR and English STOP words still stop her', async () => {
    const cases: Array<[string, string, Record<string, string>]> = [
      ['+14155554018', 'ALTO', {}],
      ['+14155554019', 'ALTO.', {}],
      ['+14155554020', 'alto', { MessagingServiceSid: `MG${'2'.repeat(32)}`, OptOutType: 'STOP' }],
      ['+14155554022', 'PARAR', {}],
      ['+14155554026', 'STOP', {}],
      ['+14155554028', 'UNSUBSCRIBE', {}],
      ['+14155554030', 'STOPALL', {}],
    ];
    for (const [who, text, extra] of cases) {
      await sayAll(who, ['UNIRSE 415', 'REPORTE', '1', 'anoche']);
      expect(await say(who, '415 motel')).toBe(es.reportAsk('person'));
      await h.sms(who, text, { extra });
      expect({ text, areas: await say(who, 'ZONAS') }).toEqual({ text, areas: es.areas([]) });
    }
  });
});
