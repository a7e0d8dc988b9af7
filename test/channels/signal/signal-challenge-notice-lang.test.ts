/** The captcha notice to SMS moderators comes in each one's language, as every other moderator notice does. */
import { SignalChallengeWatch } from '../../../src/channels/signal/signal-challenge-watch';
import { createLogger } from '../../../src/log/logger';
import type { Sender } from '../../../src/phone/identity';
import { botWorld } from '../../helpers/bot-world';

const EN_MOD = '+14155550199';
const ES_MOD = '+14155550198';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('tells each SMS moderator of a Signal captcha in her own language, once per challenge', async () => {
  const w = await botWorld({ moderators: new Set([EN_MOD, ES_MOD]), moderatorContacts: [sms(EN_MOD), sms(ES_MOD)] });
  w.sms(ES_MOD, 'LANG ES');
  const before = w.queued(sms(ES_MOD)).length;
  const watch = new SignalChallengeWatch({
    db: w.db,
    vault: w.vault,
    log: createLogger('silent'),
    smsModerators: [sms(EN_MOD), sms(ES_MOD)],
    wake: () => undefined,
    resume: () => undefined,
    now: () => w.clock.now,
  });
  watch.onChallenge('tok-1');
  watch.onChallenge('tok-1');
  const es = w.queued(sms(ES_MOD)).slice(before).map((m) => m.text);
  expect(es).toHaveLength(1);
  expect(es[0]).toContain('Signal limita los envios de la linea y pide un captcha');
  expect(es[0]).toContain('https://signalcaptchas.org/challenge/generate.html');
  const en = w.queued(sms(EN_MOD)).map((m) => m.text);
  expect(en).toHaveLength(1);
  expect(en[0]).toContain('Signal is rate-limiting the line and asks for a captcha');
});
