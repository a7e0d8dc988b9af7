/** A line for report tests: one moderator, a member and a reporter, both in 415, over the bot (real SQLite file, real crypto). */
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from './bot-world';

export const MOD = '+14155550199';
export const MEMBER = '+14155550101';
export const REPORTER = '+14155550105';
export const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

export async function reportWorld(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(MEMBER, 'JOIN 415');
  w.sms(REPORTER, 'JOIN 415');
  return w;
}
