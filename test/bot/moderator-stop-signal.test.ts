/**
 * A Signal moderator's STOP ends her alerts, not her moderating: her standing
 * comes from MODERATORS, and over Signal no carrier stops anything (the line
 * would be choosing to drop her notices while her command replies still go).
 */
import type { Sender } from '../../src/phone/identity';
import { setMemberStatus, findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { sendPass, timers } from '../helpers/checkin-escalation';

const UUID = '9d8c7b6a-5f4e-4d3c-8b2a-190817263544';
const MEMBER = '+14155550101';
const sig: Sender = { channel: 'signal', address: UUID };

let n = 0;
function fromHer(w: BotWorld, text: string): string | null {
  return w.bot.handle({ sender: sig, text, providerId: `${UUID}:${++n}` }, 'outbox').reply;
}

async function signalBodies(w: BotWorld): Promise<string[]> {
  return (await sendPass(w, 'signal')).calls.map((c) => c.body);
}

describe('STOP from a moderator over Signal', () => {
  it.each(['STOP', 'Cancel'])('%s ends her alerts but her report notices still reach her', async (word) => {
    const w = await botWorld({ moderators: new Set([UUID]), moderatorContacts: [sig] });
    w.sms(MEMBER, 'JOIN 415');
    fromHer(w, 'JOIN 415');
    await signalBodies(w);
    const reply = fromHer(w, word);
    expect(reply).toContain('you still get report notices as a moderator');
    await signalBodies(w);
    w.sms('+14155550105', 'REPORT 415 man with knife in red truck');
    const notices = await signalBodies(w);
    expect(notices.filter((b) => b.includes('man with knife'))).toHaveLength(1);
    // Her alerts ended: an alert to 415 reaches the member, not her.
    expect(fromHer(w, 'ALERT 415 police sweep tonight')).toContain('going to');
    // Her reply quotes the alert's text; the alert itself is not queued to her.
    expect(w.queued(sig).some((q) => q.text.includes('police sweep') && !q.text.startsWith('Alert #'))).toBe(false);
    expect(fromHer(w, 'AREAS')).toContain('you have no alert areas');
  });

  it('says so in her language', async () => {
    const w = await botWorld({ moderators: new Set([UUID]), moderatorContacts: [sig] });
    fromHer(w, 'LANG ES');
    expect(fromHer(w, 'ALTO')).toContain('moderadora');
  });

  it('a row stopped before is sent her notices again', async () => {
    const w = await botWorld({ moderators: new Set([UUID]), moderatorContacts: [sig] });
    fromHer(w, 'JOIN 415');
    setMemberStatus(w.db, findMember(w.db, w.vault, sig)!.id, 'stopped');
    w.sms('+14155550105', 'REPORT 415 grey honda choked me');
    const notices = await signalBodies(w);
    expect(notices.filter((b) => b.includes('grey honda'))).toHaveLength(1);
  });

  it("a row stopped before is sent a missed check-in's notice (CHECKIN_FALLBACK=moderators)", async () => {
    const line = { fallback: 'moderators' as const, moderatorContacts: [sig] };
    const w = await botWorld({ moderators: new Set([UUID]), moderatorContacts: [sig], checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
    fromHer(w, 'JOIN 415');
    setMemberStatus(w.db, findMember(w.db, w.vault, sig)!.id, 'stopped');
    w.sms(MEMBER, 'JOIN 415');
    w.sms(MEMBER, 'CHECKIN 30 blue Honda');
    w.clock.now += 30 * 60_000;
    expect(timers(w, line).escalated).toBe(1);
    const notices = await signalBodies(w);
    expect(notices.filter((b) => b.includes('blue Honda'))).toHaveLength(1);
  });

  it('a member who is not a moderator is stopped as before', async () => {
    const w = await botWorld({ moderators: new Set([UUID]), moderatorContacts: [sig] });
    const other: Sender = { channel: 'signal', address: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' };
    w.bot.handle({ sender: other, text: 'JOIN 415', providerId: 'x1' });
    const reply = w.bot.handle({ sender: other, text: 'STOP', providerId: 'x2' }).reply;
    expect(reply).not.toContain('moderator');
    expect(findMember(w.db, w.vault, other)!.status).toBe('stopped');
  });
});
