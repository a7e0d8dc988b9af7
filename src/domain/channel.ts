/** Channels: a domain type the adapters, the bot, the outbox and the store all share. */

/** How a member is reached: SMS (through Twilio or the console) or Signal. */
export type Channel = 'sms' | 'signal';

/** Every channel: the closed set a metric's channel label takes. */
export const CHANNELS: readonly Channel[] = ['sms', 'signal'];
