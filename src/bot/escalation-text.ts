/**
 * The text of a check-in escalation, as the timers send it and as CHECKIN
 * checks it beforehand: over SMS at most MAX_ESCALATION_SEGMENTS segments,
 * the details clipped ("...") and the frame whole (a long message can arrive
 * in pieces, out of order, or not at all); Signal has no segments.
 */
import type { Channel } from '../domain/channel';
import { fitSegments, longestFit, smsSegments } from './sms-segments';

/** Most SMS segments an escalation takes, as an alert: CHECKIN's 200 characters fit in GSM-7, not with one emoji (UCS-2). */
export const MAX_ESCALATION_SEGMENTS = 3;

/** One recipient's escalation: their channel, and their text around the details. */
export interface EscalationFrame {
  channel: Channel;
  build: (details: string) => string;
}

/** The escalation's text for one recipient, the details clipped where it would be too long. */
export function boundedEscalation({ channel, build }: EscalationFrame, details: string): string {
  const whole = build(details);
  return channel === 'sms' && smsSegments(whole) > MAX_ESCALATION_SEGMENTS ? fitSegments(build, details, MAX_ESCALATION_SEGMENTS) : whole;
}

/**
 * How many characters of `details` reach every recipient whole: all of them,
 * or fewer where an emoji (UCS-2 over SMS) or a long frame would clip them.
 */
export function detailsRoom(frames: readonly EscalationFrame[], details: string): number {
  const chars = Array.from(details);
  const fits = (n: number) => frames.every((f) => f.channel !== 'sms' || smsSegments(f.build(chars.slice(0, n).join(''))) <= MAX_ESCALATION_SEGMENTS);
  return longestFit(chars.length, fits);
}
