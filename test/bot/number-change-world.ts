/**
 * The set-up the number-change tests share: a member on both channels (her
 * Signal account showing her number OLD) asked her buddy LILY by SMS, LILY
 * accepted, and she started a check-in over Signal. Her Signal account may
 * then show NEW.
 */
import { botWorld, type BotWorld } from '../helpers/bot-world';

export const OLD = '+14155550102';
export const NEW = '+14155550133';
export const LILY = '+14155550178';

let sid = 0;

/** A message from the Signal account `uuid`, showing `phone`; the reply. */
export function signalFrom(w: BotWorld, uuid: string, phone: string, text: string): string | null {
  return w.bot.handle({ sender: { channel: 'signal', address: uuid, phone }, text, providerId: `${uuid}:${++sid}` }, 'outbox').reply;
}

/** What waits for the Signal membership `uuid`. */
export const queuedForSignal = (w: BotWorld, uuid: string): string[] => w.queued({ channel: 'signal', address: uuid }).map((m) => m.text);

/** The member `uuid` with an SMS buddy, and a check-in of 60 minutes started over Signal from OLD. */
export async function checkinOnOldNumber(uuid: string): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  signalFrom(w, uuid, OLD, 'JOIN 415');
  w.sms(OLD, 'JOIN 415');
  w.sms(OLD, `BUDDY ${LILY} Ann`);
  w.sms(LILY, 'ACCEPT');
  signalFrom(w, uuid, OLD, 'CHECKIN 60 grey van');
  return w;
}
