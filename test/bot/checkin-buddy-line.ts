/** A line whose check-ins go to SMS buddies, and Rose on it with a buddy who accepted: the world the check-in length tests read replies in. */
import { botWorld, type BotWorld } from '../helpers/bot-world';

export const ROSE = '+14155550100';
export const BUDDY = '+14155550123';

export async function withBuddy(minMinutes = 10): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(ROSE, 'JOIN');
  w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
  w.sms(BUDDY, 'ACCEPT');
  return w;
}
