/**
 * The buddy invitation is one text of at most two SMS segments. The name is
 * the member's own, as she typed it: a letter GSM-7 lacks (ç, ã, í, ê) made
 * the whole invitation UCS-2 (70 characters a segment), four segments
 * arriving in pieces. By SMS the name goes without its accents then; over
 * Signal, where segments cost nothing, as she wrote it.
 */
import { smsSegments } from '../../src/bot/sms-segments';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MEMBER = '+14155550122';
const BUDDY = '+14155550133';

const invitations = (w: BotWorld): string[] => w.direct(BUDDY);

describe('a buddy invitation naming a member whose name has an accent GSM-7 lacks', () => {
  it.each([
    ['INSCREVER', 'PARCEIRA', 'Conceição', 'Conceicao'],
    ['INSCREVER', 'PARCEIRA', 'Inês', 'Ines'],
    ['UNIRSE', 'AMIGA', 'María', 'Maria'],
    ['REJOINDRE', 'BINOME', 'Françoise', 'Francoise'],
  ])('by SMS (%s, %s %s) fits in two segments, the name without its accents', async (join, buddy, name, plain) => {
    const w = await botWorld();
    w.sms(MEMBER, join);
    w.sms(MEMBER, `${buddy} 415-555-0133 ${name}`);
    const [invite] = invitations(w);
    expect(invite).toContain(plain);
    expect(smsSegments(invite ?? '')).toBeLessThanOrEqual(2);
    w.db.close();
  });

  it('keeps a name GSM-7 can carry (Chloé) as she wrote it', async () => {
    const w = await botWorld();
    w.sms(MEMBER, 'JOIN');
    w.sms(MEMBER, 'BUDDY 415-555-0133 Chloé');
    expect(invitations(w)[0]).toContain('Chloé');
    w.db.close();
  });

  it('over Signal, keeps the name as she wrote it', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['signal', 'sms'] } });
    const who: Sender = { channel: 'signal', address: '2c3d4e5f-6a7b-4c8d-9e0f-000000000009' };
    w.bot.handle({ sender: who, text: 'INSCREVER 415', providerId: `${who.address}:1` });
    w.bot.handle({ sender: who, text: 'PARCEIRA signal 415-555-0133 Conceição', providerId: `${who.address}:2` });
    expect(invitations(w)[0]).toContain('Conceição');
    w.db.close();
  });
});
