/** A line where members (a stranger and a friend, by default) may each ask HER to be their buddy, for the ACCEPT tests. */
import { botWorld, type BotWorld } from '../helpers/bot-world';

export const STRANGER = '+14155550171';
export const FRIEND = '+14155550172';
export const HER = '+14155550173';

/** The line with `members` joined (SMS only), check-ins on. */
export async function acceptLine(members: string[] = [STRANGER, FRIEND]): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  for (const m of members) w.sms(m, 'JOIN');
  return w;
}
