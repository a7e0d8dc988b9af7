/**
 * JOIN, STOP, DELETE and LANG, driven through the bot over a real SQLite
 * file and real crypto (no HTTP): the line's areas and MAX_AREAS, approval
 * mode (an applicant waits for a moderator, who is told once), discreet by
 * default (and a Signal newcomer's disappearing timer), STOP withdrawing a
 * pending request, DELETE cutting a person off their reports, and the
 * language a member last wrote in. What is checked is what people see: the
 * replies, the notices queued for the moderator, the member's row and areas
 * as the store reads them. Each test builds its own world.
 */
import { catalog } from '../../src/bot/catalog';
import { Regions } from '../../src/alerts/regions';
import { DEFAULT_LIMITS, type BotDeps } from '../../src/bot/context';
import type { Sender } from '../../src/phone/identity';
import { findMember, linkIndex, memberDiscreet, memberIndex, setMemberStatus } from '../../src/store/members';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, newBot, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101'; // 415
const LENA = '+14155550102';
const NOOR = '+16285550103'; // 628
const ABROAD = '+448000000000'; // no North American area
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const es = catalog('es');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MOD_SENDER = sms(MOD);

interface World extends BotWorld {
  /** Disappearing-message timers set on Signal conversations, in order. */
  timers: Array<[string, number]>;
  /** A message from a Signal sender (hidden number unless `phone`). */
  signal(text: string, phone?: string): string | null;
}

async function world(deps: Partial<BotDeps> = {}): Promise<World> {
  const timers: Array<[string, number]> = [];
  const w = await botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [MOD_SENDER],
    onDisappearing: (address, seconds) => timers.push([address, seconds]),
    ...deps,
  });
  let n = 0;
  const signal = (text: string, phone?: string) =>
    w.bot.handle({ sender: phone ? { channel: 'signal', address: UUID, phone } : { channel: 'signal', address: UUID }, text, providerId: `sig:${UUID}:${++n}` }).reply;
  return { ...w, timers, signal };
}

/** A second bot over the same database: a restart with other settings. */
function restart(w: BotWorld, deps: Partial<BotDeps>): (from: string, text: string) => string | null {
  const bot = newBot(w.db, w.vault, w.clock, { moderators: new Set([MOD]), moderatorContacts: [MOD_SENDER], ...deps });
  let n = 0;
  return (from, text) => bot.handle({ sender: sms(from), text, providerId: `SMrestart${++n}` }).reply;
}

/** A member's status and areas, as the store has them. */
function membership(w: BotWorld, who: string): { status: string; areas: string[] } | undefined {
  const member = findMember(w.db, w.vault, sms(who));
  return member && { status: member.status, areas: listAreas(w.db, member.id) };
}

/** The notices queued for the moderator, oldest first. */
const notices = (w: BotWorld): string[] => w.queued(MOD_SENDER).map((m) => m.text);

/** The reference of the join request PENDING lists for these areas. */
function joinRef(w: BotWorld, areas: string): string {
  const list = w.sms(MOD, 'PENDING').reply ?? '';
  const ref = new RegExp(`#([A-Z0-9]{4,6}) join \\(${areas}\\)`).exec(list)?.[1];
  if (!ref) throw new Error(`no join request for ${areas} in ${JSON.stringify(list)}`);
  return ref;
}

function refIn(text: string | null): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** An applicant admitted by the moderator to `areas` (approval mode). */
function admitted(w: BotWorld, who: string, areas: string): void {
  w.sms(who, `JOIN ${areas}`);
  expect(w.sms(MOD, `APPROVE ${joinRef(w, areas)}`).reply).toContain('admitted');
  expect(membership(w, who)?.status).toBe('active');
}

describe('JOIN', () => {
  it('subscribes the sender to their own area, then adds the areas given', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'JOIN 212, 628').reply).toBe(t.joined(['212', '415', '628']));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['212', '415', '628'] });
  });

  it('takes MAX_AREAS areas at once, and refuses more without keeping anything of the sender', async () => {
    const w = await world({ maxAreas: 3 });
    expect(w.sms(ROSA, 'JOIN 212 305 312 617').reply).toBe(t.tooManyAreas(3, []));
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
    expect(w.sms(ROSA, 'JOIN 212 305 312').reply).toBe(t.joined(['212', '305', '312']));
  });

  it('counts the areas already held against MAX_AREAS, an area held only once', async () => {
    const w = await world({ maxAreas: 3 });
    w.sms(ROSA, 'JOIN 212 305');
    expect(w.sms(ROSA, 'JOIN 312 617').reply).toBe(t.tooManyAreas(3, ['212', '305']));
    expect(membership(w, ROSA)?.areas).toEqual(['212', '305']);
    expect(w.sms(ROSA, 'JOIN 312').reply).toBe(t.joined(['212', '305', '312']));
    expect(w.sms(ROSA, 'JOIN 617').reply).toBe(t.tooManyAreas(3, ['212', '305', '312']));
    // At the cap, an area already held is confirmed, not refused.
    expect(w.sms(ROSA, 'JOIN 212 305').reply).toBe(t.joined(['212', '305', '312']));
    expect(membership(w, ROSA)?.areas).toEqual(['212', '305', '312']);
  });

  it('brings back a member who stopped, or whose number was reported invalid, as an active member', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    w.sms(ROSA, 'STOP');
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
    expect(w.sms(ROSA, 'JOIN').reply).toBe(t.joined(['415']));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });

    w.sms(LENA, 'JOIN 212');
    const lena = findMember(w.db, w.vault, sms(LENA))!;
    // What the outbox does when the carrier says the number is invalid.
    setMemberStatus(w.db, lena.id, 'invalid');
    expect(w.sms(LENA, 'JOIN 212').reply).toBe(t.joined(['212']));
    expect(membership(w, LENA)).toEqual({ status: 'active', areas: ['212'] });
  });
});

describe('JOIN under SUBSCRIBE_MODE=approval', () => {
  it('holds an applicant as pending with no areas, and tells the moderator once, with the reference', async () => {
    const w = await world({ subscribeMode: 'approval' });
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(membership(w, ROSA)).toEqual({ status: 'pending', areas: [] });
    const ref = joinRef(w, '415');
    expect(notices(w)).toEqual([t.modJoinRequest(`#${ref}`, ['415'])]);
    // Asking again, or for more, keeps the request as announced (APPROVE from its notice admits to those only) and tells no one again.
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(w.sms(ROSA, 'JOIN 628').reply).toBe(t.joinPending(['415']));
    expect(joinRef(w, '415')).toBe(ref);
    expect(notices(w)).toHaveLength(1);
    expect(membership(w, ROSA)).toEqual({ status: 'pending', areas: [] });
  });

  it('holds a new area of an admitted member for a moderator, and confirms an area they hold without asking anyone', async () => {
    const w = await world({ subscribeMode: 'approval' });
    admitted(w, ROSA, '415');
    const before = notices(w).length;
    expect(w.sms(ROSA, 'JOIN 212').reply).toBe(t.joinPending(['212']));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
    const ref = joinRef(w, '212');
    expect(notices(w).slice(before)).toEqual([t.modJoinRequest(`#${ref}`, ['212'])]);

    // An area already held: answered at once, still active, nothing new for the moderator.
    expect(w.sms(LENA, 'JOIN 628').reply).toBe(t.joinPending(['628']));
    expect(w.sms(MOD, `APPROVE ${joinRef(w, '628')}`).reply).toContain('admitted');
    const held = notices(w).length;
    expect(w.sms(LENA, 'JOIN 628').reply).toBe(t.joined(['628']));
    expect(membership(w, LENA)).toEqual({ status: 'active', areas: ['628'] });
    expect(notices(w)).toHaveLength(held);
    expect(w.sms(MOD, 'PENDING').reply).not.toMatch(/join \((628)?\)/);
  });

  it('holds a request to MAX_AREAS less the areas already held', async () => {
    const w = await world({ subscribeMode: 'approval', maxAreas: 2 });
    admitted(w, ROSA, '415');
    expect(w.sms(ROSA, 'JOIN 628 212').reply).toBe(t.tooManyAreas(2, ['415']));
    expect(w.sms(ROSA, 'JOIN 628').reply).toBe(t.joinPending(['628']));
    expect(joinRef(w, '628')).toMatch(/^[A-Z0-9]+$/);
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
  });

  it('holds a member who stopped and comes back for a moderator again', async () => {
    const w = await world({ subscribeMode: 'approval' });
    admitted(w, ROSA, '415');
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    expect(membership(w, ROSA)).toEqual({ status: 'pending', areas: [] });
    expect(joinRef(w, '415')).toMatch(/^[A-Z0-9]+$/);
  });

  it('lets an applicant left waiting join once the line is open, as anyone may, and closes their request', async () => {
    const w = await world({ subscribeMode: 'approval' });
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joinPending(['415']));
    joinRef(w, '415');
    const told = notices(w).length;
    // The operator opens the line (SUBSCRIBE_MODE=open) and restarts.
    const open = restart(w, { subscribeMode: 'open' });
    expect(open(ROSA, 'JOIN 415')).toBe(t.joined(['415']));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
    expect(open(MOD, 'PENDING')).not.toMatch(/join \(/);
    expect(notices(w)).toHaveLength(told);
  });
});

describe('DISCREET_DEFAULT', () => {
  it('makes new members discreet when on, by JOIN or by LANG', async () => {
    const w = await world({ discreet: { byDefault: true, timerSeconds: 3600 } });
    w.sms(ROSA, 'JOIN');
    w.sms(LENA, 'LANG ES');
    for (const who of [ROSA, LENA]) expect(memberDiscreet(w.db, findMember(w.db, w.vault, sms(who))!.id)).toBe(true);
  });

  it('leaves new members plain when off', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN');
    w.sms(LENA, 'LANG ES');
    for (const who of [ROSA, LENA]) expect(memberDiscreet(w.db, findMember(w.db, w.vault, sms(who))!.id)).toBe(false);
  });

  it('sets a Signal newcomer’s disappearing-messages timer once, on joining, and never over SMS', async () => {
    const w = await world({ discreet: { byDefault: true, timerSeconds: 3600 } });
    expect(w.signal('JOIN', ROSA)).toBe(t.joined(['415']));
    expect(w.timers).toEqual([[UUID, 3600]]);
    // Already a member: no timer again.
    expect(w.signal('JOIN 628')).toBe(t.joined(['415', '628']));
    expect(w.signal('LANG ES')).toBe(es.langSet());
    w.sms(NOOR, 'JOIN');
    expect(w.timers).toEqual([[UUID, 3600]]);
  });

  it('sets the timer of a Signal newcomer whose first word is LANG', async () => {
    const w = await world({ discreet: { byDefault: true, timerSeconds: 600 } });
    expect(w.signal('LANG ES')).toBe(es.langSet());
    expect(w.timers).toEqual([[UUID, 600]]);
  });

  it('sets no timer when off', async () => {
    const w = await world();
    w.signal('JOIN', ROSA);
    expect(w.timers).toEqual([]);
  });
});

describe('LEAVE', () => {
  it('withdraws the alert copies still waiting for her that reach none of the areas she keeps (she is told she gets no alerts there now)', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415 212');
    for (const text of ['ALERT 415 grey van', 'ALERT 212 red truck', 'ALERT 415 212 blue car']) expect(w.sms(MOD, text).reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    const copies = () => w.db.sqlite.prepare('SELECT state, error FROM outbox WHERE alert_id IS NOT NULL ORDER BY alert_id').all();
    expect(w.sms(ROSA, 'LEAVE 415').reply).toBe(t.left(['415'], ['212']));
    // The 415 alert goes; the 212 one and the one for both stay.
    expect(copies()).toEqual([
      { state: 'failed', error: 'left_area' },
      { state: 'pending', error: null },
      { state: 'pending', error: null },
    ]);
  });
});

describe('LEAVE of all her areas', () => {
  it('"LEAVE ALL" leaves every area she has and keeps her a member (STOP is for everything)', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415 212');
    expect(w.sms(ROSA, 'LEAVE ALL').reply).toBe(t.left(['212', '415'], []));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: [] });
  });

  it('"SALIR DE TODO" does the same, answered in Spanish', async () => {
    const w = await world();
    w.sms(ROSA, 'UNIRSE 415');
    expect(w.sms(ROSA, 'SALIR DE TODO').reply).toBe(es.left(['415'], []));
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: [] });
  });

  it('tells a member with no areas that she has none, naming no empty list', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'LEAVE 415');
    expect(w.sms(ROSA, 'Leave everything').reply).toBe(t.areas([]));
  });

  it('takes the areas still waiting for a moderator out of her request too', async () => {
    const w = await world({ subscribeMode: 'approval' });
    w.sms(ROSA, 'JOIN 415');
    const ref = joinRef(w, '415');
    expect(w.sms(ROSA, 'LEAVE ALL').reply).toBe(t.left(['415'], []));
    expect(w.sms(MOD, 'PENDING').reply).not.toContain(`#${ref}`);
    expect(membership(w, ROSA)?.areas).toEqual([]);
  });
});

describe('STOP', () => {
  it('unsubscribes from everything and marks the member stopped', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415 212');
    expect(w.sms(ROSA, 'please stop texting me').reply).toBe(t.stopped('sms'));
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
    expect(w.sms(ROSA, 'AREAS').reply).toBe(t.areas([]));
  });

  it('withdraws a pending join request: a later APPROVE finds nothing and subscribes no one', async () => {
    const w = await world({ subscribeMode: 'approval' });
    w.sms(ROSA, 'JOIN 415');
    const ref = joinRef(w, '415');
    expect(w.sms(ROSA, 'STOP').reply).toBe(t.stopped('sms'));
    expect(w.sms(MOD, 'PENDING').reply).not.toContain(`#${ref}`);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
    expect(membership(w, ROSA)).toEqual({ status: 'stopped', areas: [] });
  });

  it('keeps nothing of a sender who was never a member', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'STOP').reply).toBe(t.stopped('sms'));
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
  });
});

describe('DELETE', () => {
  it('erases the member and cuts the link to their reports, and only theirs', async () => {
    const w = await world();
    w.sms(ROSA, 'JOIN 415');
    const mine = refIn(w.sms(ROSA, 'REPORT 415 grey van, took the phone').reply);
    const theirs = refIn(w.sms(LENA, 'REPORT 415 red truck, no condom').reply);
    expect(w.sms(ROSA, 'DELETE').reply).toBe(t.deleted('sms'));
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
    expect(w.sms(ROSA, 'AREAS').reply).toBe(t.notMember());
    // The report stays with the moderators; who sent it is forgotten.
    expect(w.sms(MOD, 'PENDING').reply).toContain(`#${mine}`);
    expect(w.sms(MOD, `BLOCK ${mine}`).reply).toBe(t.modSenderErased(`#${mine}`));
    expect(w.sms(MOD, `BLOCK ${theirs}`).reply).toBe(t.modBlockedDiscarded(`#${theirs}`, 1));
  });

  it('keeps the sender’s counters for their window only, and nothing else of them; forgets their open question', async () => {
    const w = await world({ limits: { ...DEFAULT_LIMITS, reports: { max: 1, windowMs: 86_400_000 } } });
    refIn(w.sms(ROSA, 'REPORT 415 grey van').reply);
    expect(w.sms(ROSA, 'REPORT 415 grey van again').reply).toBe(t.reportLimit());
    w.sms(ROSA, 'DELETE');
    // DELETE does not reset a limit: BLOCK cannot reach a sender who DELETEs after his reports.
    expect(w.sms(ROSA, 'REPORT 415 grey van, third time').reply).toBe(t.reportLimit());
    w.sms(ROSA, 'DELETE');
    // What stays is a count under her rate-limit index, with its window: no member row, no link to her reports.
    const senderIdx = w.vault.index('sender', `sms:${ROSA}`);
    expect(w.db.sqlite.prepare('SELECT kind, count FROM sender_limits WHERE sender_bidx = ?').all(senderIdx)).toEqual([{ kind: 'report', count: 1 }]);
    expect(findMember(w.db, w.vault, sms(ROSA))).toBeUndefined();
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM reports WHERE reporter_bidx = ?').get(w.vault.index('reporter', `sms:${ROSA}`))).toEqual({ n: 0 });
    // The next day her window has ended: she may report, and her next DELETE takes the old count.
    w.clock.now += 86_400_000;
    refIn(w.sms(ROSA, 'REPORT 415 grey van, next day').reply);
    w.clock.now += 86_400_000;
    w.sms(ROSA, 'DELETE');
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM sender_limits WHERE sender_bidx = ?').get(senderIdx)).toEqual({ n: 0 });

    expect(w.sms(ABROAD, 'JOIN').reply).toBe(t.joinWhichArea());
    expect(w.sms(ABROAD, 'DELETE').reply).toBe(t.deleted('sms'));
    // The question went with them: "415" is no answer now, and joins nothing.
    expect(w.sms(ABROAD, '415').reply).toBe(t.joinWith(['415']));
    expect(findMember(w.db, w.vault, sms(ABROAD))).toBeUndefined();
  });
});

describe('DELETE from Signal by someone also on SMS', () => {
  /** The link value each membership of a number holds (null: none), as the store has it. */
  const links = (w: BotWorld) =>
    w.db.sqlite.prepare("SELECT channel, phone_bidx FROM members WHERE phone_bidx = ? OR address_bidx = ? ORDER BY channel").all(
      linkIndex(w.vault, ROSA),
      memberIndex(w.vault, sms(ROSA)),
    ) as Array<{ channel: string; phone_bidx: Buffer | null }>;

  it('erases the Signal membership and the link it gave the SMS one, which stays a member as if never linked', async () => {
    const w = await world();
    expect(w.signal('JOIN 415', ROSA)).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(links(w).map((m) => [m.channel, m.phone_bidx !== null])).toEqual([
      ['signal', true],
      ['sms', true],
    ]);

    expect(w.signal('DELETE', ROSA)).toBe(t.deleted('signal'));

    expect(findMember(w.db, w.vault, { channel: 'signal', address: UUID })).toBeUndefined();
    expect(links(w)).toEqual([{ channel: 'sms', phone_bidx: null }]);
    expect(membership(w, ROSA)).toEqual({ status: 'active', areas: ['415'] });
  });
});

describe('the member’s language', () => {
  it('answers an English member who writes a Spanish keyword in Spanish, and keeps Spanish until they write English', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    expect(w.sms(ROSA, 'AYUDA').reply).toBe(es.help());
    // STATUS belongs to both languages: it keeps the member's.
    expect(w.sms(ROSA, 'STATUS').reply).toBe(es.areas(['415']));
    expect(findMember(w.db, w.vault, sms(ROSA))?.lang).toBe('es');
    expect(w.sms(ROSA, 'AREAS').reply).toBe(t.areas(['415']));
    expect(w.sms(ROSA, 'STATUS').reply).toBe(t.areas(['415']));
  });

  it('LANG makes a member of a newcomer and answers in that language from then on', async () => {
    const w = await world();
    expect(w.sms(ROSA, 'LANG ES').reply).toBe(es.langSet());
    expect(findMember(w.db, w.vault, sms(ROSA))).toMatchObject({ lang: 'es', status: 'active' });
    expect(w.sms(ROSA, 'STATUS').reply).toBe(es.areas([]));
  });
});

describe('a line with more of its own areas than a reply lists, and no North American ones', () => {
  // Fourteen areas: too many to list, so replies give one as an example.
  const CODES = ['LDN', 'MAN', 'BHM', 'LDS', 'GLA', 'LPL', 'BRS', 'SHF', 'EDI', 'CDF', 'NCL', 'NOT', 'LEI', 'BFS'];
  const ukLine = () =>
    new Regions(
      {},
      { file: 'areas.json', northAmerica: false, areas: CODES.map((code, i) => ({ code, names: [], prefixes: [`+44${20 + i}`], label: `entry ${i + 1} (${code})` })) },
      'GB',
    );

  it('asks which area with an example the line has, never a North American one', async () => {
    const w = await world({ regions: ukLine() });
    const asked = w.sms(ABROAD, 'JOIN').reply ?? '';
    expect(asked).toContain('LDN');
    expect(asked).not.toContain('415');
    expect(w.sms(ABROAD, 'LDN').reply).toBe(t.joined(['LDN']));
  });

  it('answers an area it does not know with an example the line has, in the member’s language', async () => {
    const w = await world({ regions: ukLine() });
    const unknown = w.sms(ROSA, 'JOIN 415').reply ?? '';
    expect(unknown).toContain('JOIN LDN');
    expect(unknown).not.toMatch(/415\.|3 digits/);
    const spanish = w.sms(ROSA, 'UNIRSE XYZ').reply ?? '';
    expect(spanish).toContain('UNIRSE LDN');
    expect(spanish).not.toMatch(/ 415|3 digitos/);
    expect(membership(w, ROSA)).toBeUndefined();
  });
});
