/**
 * Twilio's signature is HMAC(url + name1 + value1 + name2 + value2 …) with no
 * separator: the same signed string can be cut into other fields. A sender
 * writes her own Body, which sorts just before From: a captured signed
 * webhook of her own message can be re-cut so that From names someone else
 * (a member, a moderator), and even so that MessageSid is a fresh one.
 */
import twilio from 'twilio';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, newSid, PUBLIC_URL, refOf, startHarness, type Harness } from '../helpers/harness';

const SMS = '/webhooks/twilio/sms';
const VICTIM = '+14155550100';
const ATTACKER = '+14155550199';

function post(h: Harness, body: string, signature: string): Promise<Response> {
  return fetch(h.url + SMS, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body });
}

const MODERATOR = '+14155550150';

describe('a signed webhook re-cut into other fields', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ limits: { ...DEFAULT_LIMITS, messages: { max: 2, windowMs: 3_600_000 } }, env: { MODERATORS: MODERATOR } });
    expect((await h.sms(VICTIM, 'JOIN 415')).status).toBe(200);
    expect(victim()).toEqual({ status: 'active', areas: ['415'] });
    // The attacker uses up her own hourly limit: what she sends next is dropped, and its MessageSid not recorded.
    await h.sms(ATTACKER, 'hi');
    await h.sms(ATTACKER, 'hi');
  });
  afterEach(async () => {
    await h.close();
  });

  /** The victim's membership as the line holds it: erased (null), or her status and areas. */
  function victim(): { status: string; areas: string[] } | null {
    const member = findMember(h.server.db, h.server.vault, { channel: 'sms', address: VICTIM });
    return member ? { status: member.status, areas: listAreas(h.server.db, member.id) } : null;
  }

  /** What Twilio really posts (and signs) for the attacker's own SMS; it is delivered, and dropped by her limit. */
  async function attackerOwnMessage(body: string): Promise<{ sid: string; signature: string }> {
    const sid = newSid();
    const fields = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: ATTACKER, To: FROM_NUMBER, Body: body, NumMedia: '0' };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + SMS, fields);
    const r = await post(h, new URLSearchParams(fields).toString(), signature);
    expect(r.status).toBe(200);
    return { sid, signature };
  }

  it('does not act on From given twice, with the signature of the attacker\'s own message, and erases no one', async () => {
    const { sid, signature } = await attackerOwnMessage(`DELETEFrom${VICTIM}`);
    // "Body" "DELETEFrom+14155550100" "From" "+14155550199" == "Body" "DELETE" "From" "+14155550100" "From" "+14155550199"
    const forged = `MessageSid=${sid}&AccountSid=${ACCOUNT_SID}&From=${encodeURIComponent(VICTIM)}&From=${encodeURIComponent(ATTACKER)}&To=${encodeURIComponent(FROM_NUMBER)}&Body=DELETE&NumMedia=0`;
    const r = await post(h, forged, signature);
    // The victim is still a member (today: erased by the forged DELETE). A 4xx, or the replay's answer to a MessageSid already seen.
    expect(victim()).toEqual({ status: 'active', areas: ['415'] });
    expect(r.status).toBeLessThan(500);
  });

  it('does not act on the same message re-cut with no field repeated, and erases no one', async () => {
    const { sid, signature } = await attackerOwnMessage(`DELETEFrom${VICTIM}FromAAA`);
    // "Body" "DELETEFrom+14155550100FromAAA" "From" "+1415…199" == "Body" "DELETE" "From" "+1415…100" "FromAAAFrom" "+1415…199"
    const forged = `MessageSid=${sid}&AccountSid=${ACCOUNT_SID}&From=${encodeURIComponent(VICTIM)}&FromAAAFrom=${encodeURIComponent(ATTACKER)}&To=${encodeURIComponent(FROM_NUMBER)}&Body=DELETE&NumMedia=0`;
    const r = await post(h, forged, signature);
    // The victim is still a member (today: erased by the forged DELETE). A 4xx, or the replay's answer to a MessageSid already seen.
    expect(victim()).toEqual({ status: 'active', areas: ['415'] });
    expect(r.status).toBeLessThan(500);
  });

  it("does not act on a moderator's APPROVE cut out of a stranger's own message, and approves nothing", async () => {
    // The attacker files a report from another phone of hers, and learns its reference.
    const ref = refOf((await h.sms('+14155550177', 'REPORT 415 the nicest client in town, a real danger to no one')).message);
    const { sid, signature } = await attackerOwnMessage(`APPROVE ${ref}From${MODERATOR}FromAAA`);
    const forged = `MessageSid=${sid}&AccountSid=${ACCOUNT_SID}&From=${encodeURIComponent(MODERATOR)}&FromAAAFrom=${encodeURIComponent(ATTACKER)}&To=${encodeURIComponent(FROM_NUMBER)}&Body=${encodeURIComponent(`APPROVE ${ref}`)}&NumMedia=0`;
    const r = await post(h, forged, signature);
    const alerts = h.server.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number };
    // Today: 1 (the attacker's own report went out to every member in 415).
    expect(alerts.n).toBe(0);
    expect(r.status).toBeLessThan(500);
  });

  it('does not act on a re-cut that also mints a fresh MessageSid (the attacker\'s own message was handled and recorded)', async () => {
    await h.close();
    // Default limits: nothing is dropped, and the attacker's own message is handled and its MessageSid recorded.
    h = await startHarness({ env: { MODERATORS: MODERATOR } });
    expect((await h.sms(VICTIM, 'JOIN 415')).status).toBe(200);
    const fresh = newSid();
    // Sorted: AccountSid, Body, From, MessageSid, NumMedia, To. "ZZZ" + the F of the real "From" make a name, "rom…" and the rest of the signed text its value.
    const { sid, signature } = await attackerOwnMessage(`DELETEFrom${VICTIM}MessageSid${fresh}ZZZ`);
    expect(sid).not.toBe(fresh);
    const tail = `rom${ATTACKER}MessageSid${sid}NumMedia0To${FROM_NUMBER}`;
    const forged = `AccountSid=${ACCOUNT_SID}&Body=DELETE&From=${encodeURIComponent(VICTIM)}&MessageSid=${fresh}&ZZZF=${encodeURIComponent(tail)}`;
    const r = await post(h, forged, signature);
    // Today: 200 and the victim is erased.
    expect(victim()).toEqual({ status: 'active', areas: ['415'] });
    expect(r.status).toBeLessThan(500);
  });
});

