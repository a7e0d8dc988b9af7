/**
 * The examples replies give are ones the line takes. On a line outside North
 * America, "JOIN 415" and "CHECK 415-555-0100" are refused: HELP, LEAVE,
 * CHECK, BUDDY and CHECKIN gave them all the same (found by a conformance
 * hunt on a UK line), and CHECK's example, copied back, only got the same
 * reply again. There they give one of the line's areas and a number in its
 * country's national format; a North American line's replies are unchanged.
 */
import { botWorld, exampleLine, type BotWorld } from '../helpers/bot-world';

const ROSE = '+447911100001';
const ANA = '+447911100002';
const SAM = '+447911100003';

/** What follows `command` in a reply's example ("e.g. CHECK 07400 123456." → "07400 123456"), up to the full stop or a name. */
function exampleOf(reply: string | null, command: string): string {
  const found = new RegExp(`(?:e\\.g\\.|ej\\.|ex\\.) ${command} ([^.]*?)(?: Rose| Rosa)?[.,:]`, 'i').exec(reply ?? '');
  if (!found) throw new Error(`no ${command} example in: ${reply}`);
  return found[1] as string;
}

describe('the examples replies give on a UK line (DEFAULT_COUNTRY GB, areas LDN, MAN, …)', () => {
  let w: BotWorld;
  beforeEach(async () => {
    w = await botWorld({ regions: exampleLine('uk') });
  });
  afterEach(() => w.db.close());

  it("HELP's JOIN example joins, and its replies name no North American area or number", () => {
    const help = w.sms(ROSE, 'HELP').reply;
    expect(w.sms(ROSE, `JOIN ${/JOIN (\S+):/.exec(help ?? '')?.[1]}`).reply).toMatch(/alerts for LDN\./);
    const replies = [help, w.sms(ROSE, 'LEAVE').reply, w.sms(ROSE, 'CHECK').reply, w.sms(ROSE, 'BUDDY').reply, w.sms(ROSE, 'CHECKIN').reply];
    expect(replies.filter((r) => r === null || /415|555-0100/.test(r))).toEqual([]);
  });

  it("CHECK's example is a number CHECK reads, not its own reply again", () => {
    w.sms(ROSE, 'JOIN LDN');
    const usage = w.sms(ROSE, 'CHECK').reply;
    expect(w.sms(ROSE, `CHECK ${exampleOf(usage, 'CHECK')}`).reply).toBe("Heads Up: no alerts name that. No record doesn't mean safe: trust your gut.");
  });

  it("BUDDY's example invites the number it shows", () => {
    w.sms(ROSE, 'JOIN LDN');
    const usage = w.sms(ROSE, 'BUDDY').reply;
    expect(w.sms(ROSE, `BUDDY ${exampleOf(usage, 'BUDDY')} Rose`).reply).toMatch(/^Heads Up: we asked the number ending \d{4} to be your buddy/);
  });

  it("LEAVE's example leaves, and the last area left says how to come back with one of the line's", () => {
    w.sms(ROSE, 'JOIN LDN');
    const which = w.sms(ROSE, 'LEAVE').reply;
    expect(w.sms(ROSE, `LEAVE ${exampleOf(which, 'LEAVE')}`).reply).toBe('Heads Up: you left LDN and get no alerts now. JOIN LDN to come back.');
    expect(w.sms(ROSE, 'AREAS').reply).toBe('Heads Up: you have no alert areas. Text JOIN LDN to get alerts.');
  });

  it('tells a Spanish speaker who is no member to join one of the line\'s areas, not an area code', () => {
    expect(w.sms(ANA, 'SALIR LDN').reply).toBe('Heads Up: no estas suscrita. Escribe UNIRSE y tu area, ej. UNIRSE LDN.');
  });

  it('tells her a check-in reaches no one any more with a buddy example of the line', async () => {
    const uk = await botWorld({ regions: exampleLine('uk'), checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    uk.sms(ROSE, 'JOIN LDN');
    uk.sms(ROSE, 'BUDDY 07911 100003 Rose');
    uk.sms(SAM, 'ACCEPT');
    uk.sms(ROSE, 'CHECKIN 30 blue car');
    uk.sms(SAM, 'DECLINE');
    const told = uk.queued({ channel: 'sms', address: ROSE }).map((m) => m.text).filter((m) => m.includes('reaches no one'));
    expect(told).toEqual([
      'Heads Up: your check-in now reaches no one: no buddy is left to tell if you miss it. Add one: text BUDDY, their number and the name they know you by, e.g. BUDDY 07400 123456 Rose.',
    ]);
    uk.db.close();
  });

  it('tells someone who is no member to join with her area, not an area code', () => {
    expect(w.sms(ANA, 'CHECK 07400 123456').reply).toBe('Heads Up: this is for members. Text JOIN and your area first.');
    w.sms(ANA, 'LANG ES');
    expect(w.sms(ANA, 'VERIFICAR 07400 123456').reply).toBe('Heads Up: esto es para miembros. Primero escribe UNIRSE y tu area.');
  });

  it("asks for the vehicle with a plate that names no US state", () => {
    w.sms(ANA, 'REPORT LDN');
    w.sms(ANA, '1');
    w.sms(ANA, 'SKIP');
    w.sms(ANA, 'SKIP');
    expect(w.sms(ANA, 'SKIP').reply).toBe('Vehicle and plate? e.g. grey Honda, plate 7ABC123. Or SKIP.');
  });
});

describe('the examples on a North American line', () => {
  it('stay 415 and 415-555-0100', async () => {
    const w = await botWorld();
    expect(w.sms('+14155550131', 'CHECK').reply).toBe('Heads Up: text CHECK and a number, plate, email, @handle or link, e.g. CHECK 415-555-0100.');
    expect(w.sms('+14155550131', 'LEAVE').reply).toBe('Heads Up: which area? e.g. LEAVE 415. STOP leaves all.');
    w.db.close();
  });
});
