/**
 * Moderator commands, driven through the bot over a real SQLite file and
 * real crypto with a clock the test moves: who may moderate, PENDING,
 * APPROVE (of reports and of join requests), REJECT, EDIT, SHOW, ALERT,
 * BLOCK, STATS and RETRACT. What is checked is what people would see: the
 * replies, the messages queued for members (opened), and each alert's
 * fan-out as the dispatcher would send it (planned, then rendered per
 * recipient). Each test builds its own world.
 */
import fs from 'node:fs';
import { alertSegments, cleanAlertText } from '../../src/alerts/alert-text';
import { Regions } from '../../src/alerts/regions';
import { AlertRenderer } from '../../src/alerts/render-alert';
import { catalog } from '../../src/bot/catalog';
import type { BotDeps } from '../../src/bot/context';
import type { Sender } from '../../src/phone/identity';
import { countAlerts, planNextRange } from '../../src/store/alerts';
import { findMember } from '../../src/store/members';
import { claimLane, openBody } from '../../src/store/outbox';
import { createReport } from '../../src/store/reports';
import { listAreas } from '../../src/store/subscriptions';
import { botWorld, newBot, type BotWorld } from '../helpers/bot-world';
import { numberForms } from '../helpers/needles';

const MOD = '+14155550199';
const SF1 = '+14155550101'; // 415
const SF2 = '+16285550102'; // 628, which overlays 415
const NY = '+12125550103'; // 212
const SF_STOPPED = '+14155550104';
const REPORTER = '+14155550105';
const MIAMI = '+13055550106'; // 305
const t = catalog('en');
const es = catalog('es');

const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MOD_SENDER = sms(MOD);

interface ModWorld extends BotWorld {
  /** Alerts created, in the order the fan-out planner was told of them. */
  alerts: number[];
  /** How often the dispatcher and the retraction follow-up were woken after a commit. */
  wakes: { queued: number; retract: number };
}

async function modWorld(deps: Partial<BotDeps> = {}): Promise<ModWorld> {
  const alerts: number[] = [];
  const wakes = { queued: 0, retract: 0 };
  const w = await botWorld({
    moderators: new Set([MOD]),
    moderatorContacts: [MOD_SENDER],
    onAlert: (id) => alerts.push(id),
    onQueued: () => wakes.queued++,
    onRetract: () => wakes.retract++,
    ...deps,
  });
  return { ...w, alerts, wakes };
}

/** A second bot over the same database (a restart with other settings, e.g. MAX_AREAS lowered). */
function restart(w: ModWorld, deps: Partial<BotDeps>): (from: string, text: string) => string | null {
  const bot = newBot(w.db, w.vault, w.clock, {
    moderators: new Set([MOD]),
    moderatorContacts: [MOD_SENDER],
    onQueued: () => w.wakes.queued++,
    onAlert: (id: number) => w.alerts.push(id),
    ...deps,
  });
  let n = 0;
  return (from, text) => bot.handle({ sender: sms(from), text, providerId: `SMrestart${++n}${from}` }).reply;
}

const mod = (w: BotWorld, text: string): string | null => w.sms(MOD, text).reply;

function refIn(text: string | null | undefined): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** The reference PENDING gives the join request for these areas. */
function joinRef(w: BotWorld, areas: string): string {
  const list = mod(w, 'PENDING') ?? '';
  const ref = new RegExp(`#([A-Z0-9]{4,6}) join \\(${areas}\\)`).exec(list)?.[1];
  if (!ref) throw new Error(`no join request for ${areas} in ${JSON.stringify(list)}`);
  return ref;
}

function report(w: BotWorld, from: string, text: string): string {
  return refIn(w.sms(from, `REPORT ${text}`).reply);
}

/**
 * What an alert's fan-out sends: planned in full, then rendered for each
 * recipient as the dispatcher would. Keys are the numbers among `people`
 * that get a copy; `copies` counts every copy, to anyone.
 */
function fanOut(w: BotWorld, alertId: number, people: string[]): { to: Record<string, string>; copies: number } {
  for (let i = 0; i < 10 && !planNextRange(w.db, alertId, w.clock.now).done; i++);
  const rows = w.db.sqlite.prepare('SELECT member_id FROM outbox WHERE alert_id = ?').all(alertId) as Array<{ member_id: number }>;
  const renderer = new AlertRenderer(w.db, w.vault);
  const to: Record<string, string> = {};
  for (const who of people) {
    const member = findMember(w.db, w.vault, sms(who));
    if (member && rows.some((r) => r.member_id === member.id)) to[who] = renderer.render(alertId, member.lang) ?? '(gone)';
  }
  return { to, copies: rows.length };
}

/** The areas a number is subscribed to, and its status. */
function membership(w: BotWorld, who: string): { status: string; areas: string[] } | undefined {
  const member = findMember(w.db, w.vault, sms(who));
  return member && { status: member.status, areas: listAreas(w.db, member.id) };
}

/** Texts of `base` cleaned, the longest that costs exactly `segments` SMS as an alert for `npas`. */
function textOfSegments(npas: string[], segments: number, base = 'Tall man, grey van, would not pay and followed me to the bus stop. '): string {
  let best = '';
  for (let n = 1; n < 1200; n++) {
    const text = cleanAlertText(base.repeat(20).slice(0, n));
    const cost = alertSegments(npas, text);
    if (cost === segments) best = text;
    if (cost > segments) break;
  }
  if (!best) throw new Error(`no text of ${segments} SMS`);
  return best;
}

/** Files a guided report (what happened: violence; a vehicle and a contact number) and returns its reference. */
function guidedReport(w: BotWorld, from: string): string {
  let reply: string | null = null;
  for (const answer of ['REPORT 415', '1', 'SKIP', 'SKIP', 'SKIP', 'grey van 7ABC123', '415-555-0177', 'DONE']) reply = w.sms(from, answer).reply;
  return refIn(reply);
}

describe('who may moderate', () => {
  it('does nothing on APPROVE, REJECT, ALERT or BLOCK from a member who is not a moderator', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 grey van');
    for (const cmd of [`APPROVE ${ref}`, `REJECT ${ref}`, 'ALERT 415 fake alert', `BLOCK ${ref}`]) {
      expect(w.sms(SF1, cmd).reply ?? '').not.toMatch(/approved|rejected|going to|blocked/);
    }
    expect(countAlerts(w.db)).toBe(0);
    expect(mod(w, 'PENDING')).toBe(`Pending: #${ref} (415)`);
    // The report is still the moderator's to decide, and its reporter was not blocked.
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(w.sms(REPORTER, 'REPORT 415 blue car').reply).toContain('#');
  });
});

describe('a mistyped command', () => {
  it('is answered every time with the moderator commands, not once an hour: a second typo a minute later is not met with silence', async () => {
    const w = await modWorld();
    const ref = report(w, REPORTER, '415 tall man, knife, grey van');
    const first = mod(w, `APROVE ${ref}`);
    w.clock.now += 60_000;
    const second = mod(w, `APPROVED ${ref}`);
    expect(second).toMatch(/PENDING.*APPROVE.*REJECT/);
    expect(first).toBe(t.modHint());
    expect(second).toBe(t.modHint());
    // Nothing was approved: the report still waits.
    expect(mod(w, 'PENDING')).toBe(`Pending: #${ref} (415)`);
  });

  it('stops answering only past 20 in an hour, so an auto-reply cannot loop with the line (moderators have no message limit)', async () => {
    const w = await modWorld();
    const replies = Array.from({ length: 21 }, (_, i) => mod(w, `APROVE K7Q${i % 10}`));
    expect(replies.slice(0, 20)).toEqual(Array(20).fill(t.modHint()));
    expect(replies[20]).toBeNull();
    w.clock.now += 3_600_000;
    expect(mod(w, 'APROVE K7Q2')).toBe(t.modHint());
  });

  it('counts the moderator hint apart from the members\' hourly one: a photo after a typo is still told it did not reach the line', async () => {
    const w = await modWorld();
    expect(mod(w, 'APROVE K7Q2')).toBe(t.modHint());
    expect(w.bot.handle({ sender: MOD_SENDER, text: '', providerId: 'SMmedia1', media: true }).reply).toBe(t.mediaNotRead(false));
    // And after the photo, a typo is still answered: hers are 20 an hour, not the members' one.
    expect(mod(w, 'APPROVED K7Q2')).toBe(t.modHint());
  });

  it('keeps the members\' hint to once an hour for everyone else', async () => {
    const w = await modWorld();
    expect(w.sms(SF1, 'APROVE K7Q2').reply).toBe(t.hint());
    w.clock.now += 60_000;
    expect(w.sms(SF1, 'APPROVED K7Q2').reply).toBeNull();
  });

  it('HELP from a moderator names the moderator commands too; from a member, only hers', async () => {
    const w = await modWorld();
    const help = mod(w, 'HELP');
    expect(help).toMatch(/PENDING.*APPROVE.*REJECT.*EDIT.*ALERT.*BLOCK.*RETRACT/);
    expect(help).toMatch(/JOIN.*REPORT.*STOP/);
    expect(help).toBe(t.modHelp());
    expect(w.sms(SF1, 'HELP').reply).toBe(t.help());
  });

  it('a bare HELP Twilio answered itself still gets the moderator commands from a moderator (as her hint says); a member\'s gets nothing more', async () => {
    const w = await modWorld();
    expect(mod(w, 'APROVE K7Q2')).toBe(t.modHint());
    expect(t.modHint()).toMatch(/HELP for all/);
    expect(w.bot.handle({ sender: MOD_SENDER, text: 'HELP', providerId: 'SMhelp1', answered: true }).reply).toBe(t.modHelp());
    expect(w.bot.handle({ sender: sms(SF1), text: 'HELP', providerId: 'SMhelp2', answered: true }).reply).toBeNull();
  });
});

describe('PENDING', () => {
  it('says when nothing waits, and lists reports, then join requests, with their areas', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
    w.sms(NY, 'JOIN');
    const joinRef = refIn(mod(w, 'PENDING'));
    const reportRef = report(w, REPORTER, '415 628 grey van');
    expect(mod(w, 'PENDING')).toBe(`Pending: #${reportRef} (415, 628); #${joinRef} join (212)`);
  });

  it('lists reports, then join requests, a page at a time, and says how many more wait and which PENDING shows them', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    const reports = Array.from({ length: 12 }, (_, i) => report(w, `+1206201${String(i).padStart(4, '0')}`, '206 grey van'));
    for (let i = 0; i < 11; i++) w.sms(`+1312201${String(i).padStart(4, '0')}`, 'JOIN');
    const list = mod(w, 'PENDING') ?? '';
    const shown = list.match(/#[A-Z0-9]{4,6}/g) ?? [];
    expect(shown.length).toBeGreaterThan(5);
    expect(list).toMatch(new RegExp(`; \\+${23 - shown.length} more: PENDING 2$`));
    // Oldest first: the first page is the oldest reports, the second goes on from where it ended.
    expect(shown).toEqual(reports.slice(0, shown.length).map((r) => `#${r}`));
    expect(refIn(mod(w, 'PENDING 2'))).toBe(reports[shown.length]);
  });

  it('counts the join requests past the first page when the reports are few', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    for (let i = 0; i < 12; i++) w.sms(`+1312201${String(i).padStart(4, '0')}`, 'JOIN');
    const list = mod(w, 'PENDING') ?? '';
    const shown = (list.match(/#[A-Z0-9]{4,6}/g) ?? []).length;
    expect(shown).toBeGreaterThan(5);
    expect(list).toMatch(new RegExp(`; \\+${12 - shown} more: PENDING 2$`));
  });
});

describe('APPROVE of a report', () => {
  it('sends exactly the reported text to every member of the area and its overlay, and to no one else', async () => {
    const w = await modWorld();
    for (const n of [SF1, SF2, NY, SF_STOPPED]) w.sms(n, 'JOIN');
    w.sms(SF_STOPPED, 'STOP');
    const ref = report(w, REPORTER, '415 grey van,   took my phone');
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(w.alerts).toHaveLength(1);
    const alert = 'Heads Up alert (415): grey van, took my phone -- STOP to end';
    expect(fanOut(w, w.alerts[0]!, [SF1, SF2, NY, SF_STOPPED, REPORTER, MOD])).toEqual({ to: { [SF1]: alert, [SF2]: alert }, copies: 2 });
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
  });

  it('sends the alert to the areas the moderator names instead of the reported one', async () => {
    const w = await modWorld();
    for (const n of [SF1, NY]) w.sms(n, 'JOIN');
    const ref = report(w, REPORTER, '415 brown sedan, hit a worker');
    expect(mod(w, `APPROVE ${ref} 212`)).toBe(`#${ref} approved: alert going to 212.`);
    expect(fanOut(w, w.alerts[0]!, [SF1, NY])).toEqual({ to: { [NY]: 'Heads Up alert (212): brown sedan, hit a worker -- STOP to end' }, copies: 1 });
  });

  it.each([['Austin from tinder robbed me, grey van'], ['Dallas, 40s, paid with fake bills'], ['Denver took my phone']])(
    'sends "REPORT %s" to the reporter\'s area with the name kept: a client\'s name that is also a region\'s is no area',
    async (text) => {
      const w = await modWorld();
      for (const n of [SF1, REPORTER]) w.sms(n, 'JOIN 415');
      const ref = report(w, REPORTER, text);
      expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
      expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(`Heads Up alert (415): ${text} -- STOP to end`);
    },
  );

  it('names an area it does not know and decides nothing', async () => {
    const w = await modWorld();
    const ref = report(w, REPORTER, '415 green jeep');
    expect(mod(w, `APPROVE ${ref} 999`)).toBe(t.unknownArea('999'));
    expect(countAlerts(w.db)).toBe(0);
    expect(mod(w, 'PENDING')).toBe(`Pending: #${ref} (415)`);
  });

  it('approves a report of exactly three SMS, and holds one of four until an EDIT makes it fit', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const three = textOfSegments(['415'], 3);
    const four = textOfSegments(['415'], 4);
    const fits = report(w, REPORTER, `415 ${three}`);
    const long = report(w, '+14155550107', `415 ${four}`);

    expect(mod(w, `APPROVE ${long}`)).toBe(t.modTooLong(`#${long}`, 4));
    expect(countAlerts(w.db)).toBe(0);
    expect(mod(w, `APPROVE ${fits}`)).toBe(`#${fits} approved: alert going to 415.`);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(t.alert(['415'], three));

    expect(mod(w, `EDIT ${long} Tall man, grey van, would not pay, followed me.`)).toBe(t.modEdited(`#${long}`, 1, true));
    expect(mod(w, `APPROVE ${long}`)).toBe(`#${long} approved: alert going to 415.`);
    expect(fanOut(w, w.alerts[1]!, [SF1]).to[SF1]).toBe('Heads Up alert (415): Tall man, grey van, would not pay, followed me. -- STOP to end');
  });

  it('says a decided report was already decided, and sends it once', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 grey van');
    expect(mod(w, `APPROVE ${ref}`)).toContain('approved');
    for (const cmd of [`APPROVE ${ref}`, `APPROVE ${ref} 212`, `REJECT ${ref}`, `EDIT ${ref} other text`, `SHOW ${ref}`]) {
      expect(mod(w, cmd)).toBe(`#${ref} was already decided.`);
    }
    expect(w.alerts).toHaveLength(1);
    expect(fanOut(w, w.alerts[0]!, [SF1])).toEqual({ to: { [SF1]: 'Heads Up alert (415): grey van -- STOP to end' }, copies: 1 });
  });

  it('sends a guided report as the template SHOW previewed, and CHECK then finds its contact under its category', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = guidedReport(w, REPORTER);
    const preview = 'Heads Up alert (415): violence. Vehicle: grey van 7ABC123. Contact: +14155550177. -- STOP to end';
    expect(mod(w, `SHOW ${ref}`)).toBe(`#${ref}, 1 SMS, APPROVE would send: ${preview}`);
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(preview);
    expect(w.sms(SF1, 'CHECK 415-555-0177').reply).toMatch(/^Heads Up: that number is in 1 alert \(1 violence\)/);
  });

  it('sends a guided report with areas named at APPROVE as SHOW previewed it, only the areas changed', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    w.sms(NY, 'JOIN');
    // Long enough answers that the template is clipped to fit three SMS, and clipped more with more areas.
    const person = 'tall white man with a beard in his forties, calls himself Rick or Richard, says he is a cop, tattoo of a snake on his left arm, smells of smoke, wears a red cap and a gold chain';
    const where = 'the Motel 6 on Lombard Street, room 12, near the bridge on ramp, then his car behind the gas station';
    const file = (areas: string) => {
      let reply: string | null = null;
      for (const answer of [`REPORT ${areas}`, '1 3', 'Friday night', where, person, 'grey van 7ABC123', '415-555-0177', 'DONE']) reply = w.sms(REPORTER, answer).reply;
      return refIn(reply);
    };
    const previewed = (ref: string) => {
      const m = /APPROVE would send: Heads Up alert \([^)]*\): (.*) -- STOP to end$/.exec(mod(w, `SHOW ${ref}`) ?? '');
      if (!m) throw new Error(`no preview of #${ref}`);
      return m[1] as string;
    };
    // Filed for six areas, approved for one: members must not read what the moderator was never shown.
    const many = file('415 510 650 925 408 707');
    const manyBody = previewed(many);
    expect(manyBody).toContain('...');
    expect(mod(w, `APPROVE ${many} 415`)).toBe(`#${many} approved: alert going to 415.`);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(t.alert(['415'], manyBody));
    // Filed for one area, approved for six: what the moderator read no longer fits, and is never cut
    // further behind their back: it waits for an EDIT (or fewer areas), like any report too long.
    const one = file('212');
    const oneBody = previewed(one);
    expect(oneBody).toContain('gold chain');
    expect(mod(w, `APPROVE ${one} 212 415 510 650 925 408`)).toBe(t.modTooLong(`#${one}`, 4));
    expect(countAlerts(w.db)).toBe(1);
    expect(mod(w, `APPROVE ${one} 212 415`)).toBe(`#${one} approved: alert going to 212, 415.`);
    expect(fanOut(w, w.alerts[1]!, [NY, SF1]).to).toEqual({ [NY]: t.alert(['212', '415'], oneBody), [SF1]: t.alert(['212', '415'], oneBody) });
  });

  it('sends a report stored before texts were cleaned as members would read it', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const { ref } = w.db.transaction(() =>
      createReport(w.db, w.vault, { npas: ['415'], text: '  grey\u200B van,\n\n  hit me ', reporterKey: Buffer.alloc(32, 1) }, w.clock.now),
    );
    // Stored here with no notice: she reads it first (APPROVE sends only what its moderator was shown).
    expect(mod(w, `SHOW ${ref}`)).toContain('grey van, hit me');
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe('Heads Up alert (415): grey van, hit me -- STOP to end');
  });
});

describe("a one-message report naming the reporter's own number", () => {
  it('shows it to no moderator, sends it to no member and never lets CHECK find it', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    // A reporter writes their own number beside the client's, as the guided report's answers may.
    const ref = report(w, REPORTER, '415 kept calling me on 415-555-0105 from 415 555 0177, grey van');
    const notices = w.queued(MOD_SENDER).map((q) => q.text);
    const shown = [...notices, mod(w, `SHOW ${ref}`) ?? ''];
    expect(shown).toHaveLength(2);
    for (const text of shown) {
      for (const form of numberForms(REPORTER)) expect(text).not.toContain(form);
      expect(text).toContain('415 555 0177');
    }
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    const alert = fanOut(w, w.alerts[0]!, [SF1]).to[SF1];
    expect(alert).toBe('Heads Up alert (415): kept calling me on [-] from 415 555 0177, grey van -- STOP to end');
    // The reporter is not the client: CHECK finds the client's number, never theirs.
    expect(w.sms(SF1, 'CHECK 415-555-0177').reply).toContain('that number is in 1 alert');
    expect(w.sms(SF1, `CHECK ${REPORTER}`).reply).toBe(t.checkNone());
  });
});

describe('REJECT of a report', () => {
  it('discards it: nothing is sent, and it cannot be approved or rejected again', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 a false report');
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} rejected.`);
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(countAlerts(w.db)).toBe(0);
    expect(w.alerts).toEqual([]);
    expect(w.queued(sms(SF1))).toEqual([]);
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
  });

  it.each(['REJECT', 'BLOCK', 'RETRACT'])('%s with two references does nothing and says one at a time', async (cmd) => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const a = report(w, REPORTER, '415 a false report');
    const b = report(w, SF1, '415 another false report');
    expect(mod(w, `${cmd} ${a} ${b}`)).toBe(t.modOneRef(cmd));
    expect(mod(w, 'PENDING')).toContain(`#${a}`);
    expect(mod(w, 'PENDING')).toContain(`#${b}`);
    expect(mod(w, `REJECT ${a}`)).toBe(`#${a} rejected.`);
  });
});

describe('EDIT', () => {
  it('replaces what goes out with the moderator’s text, cleaned, and says what it costs', async () => {
    const w = await modWorld();
    w.sms(MIAMI, 'JOIN');
    const ref = report(w, REPORTER, '305 red car, name Bob Smith');
    expect(mod(w, `EDIT ${ref} red car,   violent\u200B`)).toBe(`#${ref} edited (1 SMS). SHOW ${ref} to read it, APPROVE ${ref} to send it.`);
    expect(mod(w, `SHOW ${ref}`)).toBe(`#${ref}, 1 SMS, APPROVE would send: Heads Up alert (305): red car, violent -- STOP to end`);
    expect(mod(w, `APPROVE ${ref}`)).toContain('approved');
    const sent = fanOut(w, w.alerts[0]!, [MIAMI]).to[MIAMI];
    expect(sent).toBe('Heads Up alert (305): red car, violent -- STOP to end');
    expect(sent).not.toContain('Bob Smith');
  });

  it('tells a moderator who gives no text how to EDIT, not how to send an ALERT, and changes nothing', async () => {
    const w = await modWorld();
    w.sms(MIAMI, 'JOIN');
    const ref = report(w, REPORTER, '305 red car, would not pay');
    const shown = mod(w, `SHOW ${ref}`);
    expect(mod(w, `EDIT ${ref}`)).toBe('Add the new text, e.g. EDIT K7Q2 grey van, aggressive.');
    expect(mod(w, `SHOW ${ref}`)).toBe(shown);
  });

  it('says an edited text is still too long at four SMS, and fits at three', async () => {
    const w = await modWorld();
    const ref = report(w, REPORTER, '415 grey van');
    const four = textOfSegments(['415'], 4);
    const three = textOfSegments(['415'], 3);
    expect(mod(w, `EDIT ${ref} ${four}`)).toBe(`#${ref} edited but still too long for an alert (4 SMS, most 3). EDIT ${ref} a shorter text.`);
    expect(mod(w, `APPROVE ${ref}`)).toBe(t.modTooLong(`#${ref}`, 4));
    expect(mod(w, `EDIT ${ref} ${three}`)).toBe(t.modEdited(`#${ref}`, 3, true));
    expect(mod(w, `APPROVE ${ref}`)).toContain('approved');
  });
  /** The moderators' notice of the report `ref` (notices an EDIT or a decision erased have no body left). */
  const noticeOf = (w: BotWorld, ref: string): string => {
    const moderator = findMember(w.db, w.vault, MOD_SENDER)!;
    const rows = w.db.sqlite
      .prepare('SELECT id, body_ct, key_version FROM outbox WHERE member_id = ? AND body_ct IS NOT NULL ORDER BY id')
      .all(moderator.id) as Array<{ id: number; body_ct: Buffer; key_version: number }>;
    const notice = rows.map((r) => openBody(w.vault, r)).find((text) => text.startsWith(`Report #${ref} `));
    if (!notice) throw new Error(`no notice of #${ref}`);
    return notice;
  };

  it('matches later reports on the identifiers of the edited text, no longer on those the edit removed', async () => {
    const w = await modWorld();
    const edited = report(w, REPORTER, '415 blue sedan, texts from 415-555-0166, insta @rick_sf');
    expect(mod(w, `EDIT ${edited} blue sedan, texts from 415-555-0177, plate 7ABC123`)).toContain('edited');
    const removed = report(w, '+14155550107', '415 choked me, his number 415 555 0166 and @rick_sf');
    expect(noticeOf(w, removed)).not.toContain('MATCHES');
    const added = report(w, '+14155550108', '415 robbed me, texted from (415) 555-0177');
    expect(noticeOf(w, added)).toContain(`MATCHES 1 pending: #${edited}`);
    const plate = report(w, '+14155550109', '415 grey van plate 7ABC-123');
    expect(noticeOf(w, plate)).toContain(`MATCHES 1 pending: #${edited}`);
  });

  it('matches a guided report edited by a moderator on the edited text only', async () => {
    const w = await modWorld();
    const guided = guidedReport(w, REPORTER);
    expect(mod(w, `EDIT ${guided} violence, grey van, calls from 628-555-0188`)).toContain('edited');
    const old = report(w, '+14155550107', '415 same guy, plate 7ABC123, calls from 415-555-0177');
    expect(noticeOf(w, old)).not.toContain('MATCHES');
    const now = report(w, '+14155550108', '415 no-show, 628 555 0188');
    expect(noticeOf(w, now)).toContain(`MATCHES 1 pending: #${guided}`);
  });

  it('reads numbers in an edited text as the line’s country writes them (DEFAULT_COUNTRY)', async () => {
    const w = await modWorld({ regions: Regions.forLine(undefined, 'GB') });
    const edited = report(w, REPORTER, '415 blue sedan, texts from 415-555-0166');
    expect(mod(w, `EDIT ${edited} blue sedan, calls from 020 7946 0018`)).toContain('edited');
    const later = report(w, '+14155550107', '415 robbed me, his number +44 20 7946 0018');
    expect(noticeOf(w, later)).toContain(`MATCHES 1 pending: #${edited}`);
  });

  it('has CHECK find what the edited text names once approved, and not what the edit removed', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 blue sedan, texts from 415-555-0166');
    mod(w, `EDIT ${ref} blue sedan, texts from 415-555-0177`);
    expect(mod(w, `APPROVE ${ref}`)).toContain('approved');
    expect(w.sms(SF1, 'CHECK 415 555 0177').reply).toContain('that number is in 1 alert');
    expect(w.sms(SF1, 'CHECK 415 555 0166').reply).toBe(t.checkNone());
    // Approved, it is an earlier alert to later reports, matched on the edited text too.
    const later = report(w, '+14155550107', '415 robbed me, 415-555-0177');
    expect(noticeOf(w, later)).toContain(`MATCHES 1 earlier alert: #${ref}`);
    expect(noticeOf(w, later)).not.toContain('pending');
  });
});

describe('SHOW', () => {
  it('previews exactly the alert APPROVE sends, with what it costs', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 grey van,   took my phone');
    const alert = 'Heads Up alert (415): grey van, took my phone -- STOP to end';
    expect(mod(w, `SHOW ${ref}`)).toBe(`#${ref}, 1 SMS, APPROVE would send: ${alert}`);
    // Showing decides nothing.
    expect(mod(w, 'PENDING')).toBe(`Pending: #${ref} (415)`);
    mod(w, `APPROVE ${ref}`);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(alert);
  });

  it('shows all of a report too long for an alert, and previews one of exactly three SMS', async () => {
    const w = await modWorld();
    const four = textOfSegments(['415'], 4);
    const three = textOfSegments(['415'], 3);
    const long = report(w, REPORTER, `415 ${four}`);
    const fits = report(w, '+14155550107', `415 ${three}`);
    const shownLong = mod(w, `SHOW ${long}`);
    expect(shownLong).toBe(t.modShowTooLong(`#${long}`, 4, four, 1));
    expect(shownLong).toContain(four.slice(-40));
    expect(mod(w, `SHOW ${fits}`)).toBe(t.modShow(`#${fits}`, t.alert(['415'], three), 3));
  });
});

describe('ALERT', () => {
  it('goes straight to the areas named, and to no one else', async () => {
    const w = await modWorld();
    for (const n of [SF1, NY]) w.sms(n, 'JOIN');
    expect(mod(w, 'ALERT 212 police   sweep tonight on 5th ave\u200B')).toMatch(/^Alert #[A-Z0-9]{4,6} going to 212\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
    expect(fanOut(w, w.alerts[0]!, [SF1, NY, MOD])).toEqual({ to: { [NY]: 'Heads Up alert (212): police sweep tonight on 5th ave -- STOP to end' }, copies: 1 });
  });

  it('leaves the name of a region (config/regions.json) leading the text to it: a client may be called Dallas', async () => {
    const w = await modWorld();
    for (const n of [SF1, SF2, NY]) w.sms(n, 'JOIN');
    expect(mod(w, 'ALERT 628 Dallas from tinder, grey van')).toMatch(/^Alert #[A-Z0-9]{4,6} going to 628\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
    expect(fanOut(w, w.alerts[0]!, [SF1, SF2, NY])).toEqual({
      to: { [SF1]: 'Heads Up alert (628): Dallas from tinder, grey van -- STOP to end', [SF2]: 'Heads Up alert (628): Dallas from tinder, grey van -- STOP to end' },
      copies: 2,
    });
    expect(mod(w, 'ALERT new york city blue car')).toBe(t.modNeedsArea());
    expect(w.alerts).toHaveLength(1);
  });

  it('names an area it does not know, asks for areas or text when missing, and sends nothing', async () => {
    const w = await modWorld();
    expect(mod(w, 'ALERT 999 some text')).toBe(t.unknownArea('999'));
    expect(mod(w, 'ALERT grey van, aggressive')).toBe(t.modNeedsArea());
    expect(mod(w, 'ALERT 415 628')).toBe(t.modNeedsText());
    expect(countAlerts(w.db)).toBe(0);
    expect(w.alerts).toEqual([]);
  });

  it('refuses an alert of four SMS and sends one of exactly three', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const four = textOfSegments(['415'], 4);
    const three = textOfSegments(['415'], 3);
    expect(mod(w, `ALERT 415 ${four}`)).toBe('That alert is too long (4 SMS, most 3). Send a shorter text.');
    expect(countAlerts(w.db)).toBe(0);
    expect(mod(w, `ALERT 415 ${three}`)).toMatch(/^Alert #[A-Z0-9]{4,6} going to 415\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
    expect(fanOut(w, w.alerts[0]!, [SF1]).to[SF1]).toBe(t.alert(['415'], three));
  });

  it('refuses an alert that an emoji at a segment edge makes four SMS, as Twilio sends it', async () => {
    const w = await modWorld();
    // 200 UTF-16 units in French (within 3 x 67), but no third segment has room for the last flag's two units.
    const text = `a${'🚩'.repeat(78)}`;
    expect(mod(w, `ALERT 415 ${text}`)).toBe('That alert is too long (4 SMS, most 3). Send a shorter text.');
    expect(countAlerts(w.db)).toBe(0);
  });
});

describe('BLOCK', () => {
  it('silences the sender of a report without naming them', async () => {
    const w = await modWorld();
    const spammer = '+14155550107';
    const ref = report(w, spammer, '415 spam spam spam');
    const blocked = mod(w, `BLOCK ${ref}`);
    expect(blocked).toBe(`The sender of #${ref} is blocked; 1 pending report of theirs was discarded.`);
    for (const form of numberForms(spammer)) expect(blocked).not.toContain(form);
    expect(w.sms(spammer, 'REPORT 415 more spam').reply).toBeNull();
    // Her report went with her, as REJECT's would.
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
    // Others still report.
    expect(w.sms(REPORTER, 'REPORT 415 grey van').reply).toContain('#');
  });

  it('never silences a moderator, whose reports a BLOCK may name too', async () => {
    const w = await modWorld();
    // A moderator files a report (a test, or one taken down by phone), then blocks its sender.
    const ref = report(w, MOD, '415 test report, please ignore');
    expect(mod(w, `BLOCK ${ref}`)).toBe(`#${ref} was filed by a moderator: no one is blocked. REJECT ${ref} discards it.`);
    // There is no UNBLOCK: a blocked moderator could never moderate again. Nor are her reports discarded.
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} rejected.`);
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
  });

  it('explains that a sender who used DELETE left nothing to block', async () => {
    const w = await modWorld();
    const ref = report(w, REPORTER, '415 red truck');
    w.sms(REPORTER, 'DELETE');
    expect(mod(w, `BLOCK ${ref}`)).toBe(`The sender of #${ref} erased their data with DELETE, or was refused as an applicant: nothing is left to block.`);
    expect(w.sms(REPORTER, 'REPORT 415 blue car').reply).toContain('#');
  });
});

describe('STATS', () => {
  it('counts active members by area, pending reports, pending members and alerts', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    for (const n of [SF1, '+14155550111', NY]) {
      w.sms(n, 'JOIN');
      mod(w, `APPROVE ${refIn(mod(w, 'PENDING'))}`);
    }
    w.sms(MIAMI, 'JOIN');
    report(w, REPORTER, '415 grey van');
    mod(w, 'ALERT 212 blue car');
    expect(mod(w, 'STATS')).toBe('Members: 3 in all; 415:2 212:1. Pending reports: 1. Pending members: 1. Alerts issued: 1.');
  });

  it('lists every area by its members, largest first, with how many people in all', async () => {
    const w = await modWorld();
    // Fourteen areas: 415 has two members, the others one each (listed by code after 415).
    w.sms(SF1, 'JOIN 415 206 212 303 305 312 404');
    w.sms(NY, 'JOIN 415 503 512 617 702 713 808 907');
    expect(mod(w, 'STATS')).toBe(
      'Members: 2 in all; 415:2 206:1 212:1 303:1 305:1 312:1 404:1 503:1 512:1 617:1 702:1 713:1 808:1 907:1. Pending reports: 0. Pending members: 0. Alerts issued: 0.',
    );
  });
});

describe('RETRACT', () => {
  it('withdraws an approved alert: waiting copies cancelled, gone from CHECK, and the follow-up woken', async () => {
    const w = await modWorld();
    for (const n of [SF1, SF2]) w.sms(n, 'JOIN');
    const ref = report(w, REPORTER, '415 blue sedan, choked me, texts from 415-555-0166');
    mod(w, `APPROVE ${ref}`);
    expect(fanOut(w, w.alerts[0]!, [SF1, SF2]).copies).toBe(2);
    expect(w.sms(SF1, 'CHECK 415 555 0166').reply).toContain('in 1 alert');

    expect(mod(w, `RETRACT ${ref}`)).toBe(t.modRetracted(`#${ref}`, 2));
    expect(w.wakes.retract).toBe(1);
    const due = claimLane(w.db, 'sms', w.clock.now + 60_000, 100, w.clock.now + 120_000);
    expect(due.filter((r) => r.alert_id !== null)).toEqual([]);
    expect(w.sms(SF1, 'CHECK 415 555 0166').reply).toBe(t.checkNone());

    expect(mod(w, `RETRACT ${ref}`)).toBe(`#${ref} was already retracted.`);
    expect(w.wakes.retract).toBe(1);
  });

  it("withdraws a moderator's own ALERT by the reference its answer gives (a mistaken one had none RETRACT could name)", async () => {
    const w = await modWorld();
    for (const n of [SF1, SF2]) w.sms(n, 'JOIN');
    const answer = mod(w, 'ALERT 415 grey van, calls from 415-555-0166, robbed two women');
    const ref = /^Alert #([A-Z0-9]{4,6}) going to 415\. RETRACT \1 withdraws it\. Text: "[^"]*"$/.exec(answer ?? '')?.[1] ?? 'none';
    expect(fanOut(w, w.alerts[0]!, [SF1, SF2]).copies).toBe(2);
    expect(w.sms(SF1, 'CHECK 415 555 0166').reply).toContain('in 1 alert');

    expect(mod(w, `RETRACT ${ref}`)).toBe(t.modRetracted(`#${ref}`, 2));
    expect(w.wakes.retract).toBe(1);
    expect(w.sms(SF1, 'CHECK 415 555 0166').reply).toBe(t.checkNone());
    expect(mod(w, `RETRACT ${ref}`)).toBe(`#${ref} was already retracted.`);
    // Its reference is no report's: SHOW and APPROVE find none.
    expect(mod(w, `SHOW ${ref}`)).toBe(t.modNoSuchRef(`#${ref}`));
  });

  it('refuses a report that never went out, and says so of an unknown one', async () => {
    const w = await modWorld();
    const pending = report(w, REPORTER, '415 green jeep');
    const rejected = report(w, '+14155550107', '415 red truck');
    mod(w, `REJECT ${rejected}`);
    expect(mod(w, `RETRACT ${pending}`)).toBe(`#${pending} never went out as an alert: nothing to retract.`);
    expect(mod(w, `RETRACT ${rejected}`)).toBe(`#${rejected} never went out as an alert: nothing to retract.`);
    expect(mod(w, 'RETRACT ZZZZ')).toBe('No pending item #ZZZZ.');
    expect(w.wakes.retract).toBe(0);
    expect(mod(w, 'PENDING')).toBe(`Pending: #${pending} (415)`);
  });
});

describe('unknown references', () => {
  it('APPROVE, REJECT, EDIT, BLOCK, SHOW and RETRACT of a reference that does not exist say so and change nothing', async () => {
    const w = await modWorld();
    w.sms(SF1, 'JOIN');
    const ref = report(w, REPORTER, '415 grey van');
    for (const cmd of ['APPROVE ZZZZ', 'APPROVE ZZZZ 212', 'REJECT ZZZZ', 'EDIT ZZZZ new text', 'BLOCK ZZZZ', 'SHOW ZZZZ', 'RETRACT ZZZZ']) {
      expect(mod(w, cmd)).toBe('No pending item #ZZZZ.');
    }
    expect(countAlerts(w.db)).toBe(0);
    expect(mod(w, 'PENDING')).toBe(`Pending: #${ref} (415)`);
    expect(w.sms(REPORTER, 'REPORT 415 blue car').reply).toContain('#');
  });
});

describe('a command missing its reference', () => {
  it.each([['APPROVE'], ['REJECT'], ['RETRACT'], ['BLOCK'], ['EDIT'], ['SHOW'], ['reject #K7']])(
    '%s is answered with an example of itself: never APPROVE, which broadcasts, for another command',
    async (cmd) => {
      const w = await modWorld();
      const typed = cmd.split(' ')[0]!.toUpperCase();
      expect(mod(w, cmd)).toBe(`Which one? Give the reference, e.g. ${typed} K7Q2.`);
      expect(mod(w, cmd)).toBe(t.modNeedsRef(typed));
    },
  );

  it('is answered in the moderator\'s language, naming the command as typed', async () => {
    const w = await modWorld();
    w.sms(MOD, 'ESPANOL');
    expect(mod(w, 'RETRACT')).toBe(es.modNeedsRef('RETRACT'));
    expect(mod(w, 'RETRACT')).toContain('RETRACT K7Q2');
  });
});

describe('join requests (SUBSCRIBE_MODE=approval)', () => {
  it('APPROVE admits the applicant to the areas asked, tells them at once in their language, and alerts then reach them', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    expect(w.sms(MIAMI, 'UNIRSE 305').reply).toContain('moderadora');
    expect(membership(w, MIAMI)).toEqual({ status: 'pending', areas: [] });
    mod(w, 'ALERT 305 first warning');
    expect(fanOut(w, w.alerts[0]!, [MIAMI]).to).toEqual({});

    const ref = refIn(mod(w, 'PENDING'));
    const wakes = w.wakes.queued;
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} admitted.`);
    expect(w.wakes.queued).toBe(wakes + 1);
    expect(membership(w, MIAMI)).toEqual({ status: 'active', areas: ['305'] });
    expect(w.queued(sms(MIAMI)).map((m) => m.text)).toEqual([es.admitted(['305'])]);
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
    // Decided: said so, and a REJECT cannot erase the member now.
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(membership(w, MIAMI)).toEqual({ status: 'active', areas: ['305'] });

    mod(w, 'ALERT 305 second warning');
    expect(fanOut(w, w.alerts[1]!, [MIAMI]).to).toEqual({ [MIAMI]: es.alert(['305'], 'second warning') });
  });

  it('tells a discreet applicant they are in without naming the line', async () => {
    const w = await modWorld({ subscribeMode: 'approval', discreet: { byDefault: true, timerSeconds: 0 } });
    w.sms(SF1, 'JOIN 415');
    const ref = refIn(mod(w, 'PENDING'));
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} admitted.`);
    expect(w.queued(sms(SF1)).map((m) => m.text)).toEqual([t.discreetAdmitted(['415'])]);
  });

  it('BLOCK refuses the applicant and silences them; SHOW, EDIT and RETRACT of a request say what it is', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN 415');
    const ref = refIn(mod(w, 'PENDING'));
    for (const cmd of [`SHOW ${ref}`, `EDIT ${ref} some text`, `RETRACT ${ref}`]) expect(mod(w, cmd)).toBe(t.modJoinRequest(`#${ref}`, ['415']));
    expect(membership(w, SF1)).toEqual({ status: 'pending', areas: [] });
    // Someone trying to get into the line to read its alerts: refused, and their JOINs no longer reach a moderator.
    const blocked = mod(w, `BLOCK ${ref}`);
    expect(blocked).toBe(`The sender of #${ref} is blocked.`);
    for (const form of numberForms(SF1)) expect(blocked).not.toContain(form);
    expect(membership(w, SF1)).toBeUndefined();
    expect(w.sms(SF1, 'JOIN 415').reply).toBeNull();
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
  });

  it('BLOCK of a member asking for one more area keeps them out of the areas they hold too: no alert reaches them', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN 415');
    mod(w, `APPROVE ${refIn(mod(w, 'PENDING'))}`);
    // An alert already planned for them, still waiting to go.
    mod(w, 'ALERT 415 red truck');
    for (let i = 0; i < 10 && !planNextRange(w.db, w.alerts[0]!, w.clock.now).done; i++);
    w.sms(SF1, 'JOIN 305');
    expect(mod(w, `BLOCK ${refIn(mod(w, 'PENDING'))}`)).toMatch(/is blocked/);
    expect(membership(w, SF1)?.areas).toEqual([]);
    expect(w.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id IS NOT NULL AND state = 'pending'").get()).toEqual({ n: 0 });
    mod(w, 'ALERT 415 grey van');
    expect(fanOut(w, w.alerts[1]!, [SF1]).to).toEqual({});
  });

  it('APPROVE with areas admits the applicant to those of the areas asked only, and never to one not asked', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN 415 212');
    const ref = joinRef(w, '212, 415');
    // An area the applicant never asked for: nothing is decided, and the reply says what they asked.
    expect(mod(w, `APPROVE ${ref} 305`)).toBe(t.modJoinRequest(`#${ref}`, ['212', '415']));
    expect(membership(w, SF1)).toEqual({ status: 'pending', areas: [] });
    expect(mod(w, `APPROVE ${ref} 415`)).toBe(`#${ref} admitted.`);
    expect(membership(w, SF1)).toEqual({ status: 'active', areas: ['415'] });
    expect(w.queued(sms(SF1)).map((m) => m.text)).toEqual([t.admitted(['415'])]);
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
  });

  it('REJECT erases the applicant and tells them nothing', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN');
    const ref = refIn(mod(w, 'PENDING'));
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} rejected.`);
    expect(membership(w, SF1)).toBeUndefined();
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
    expect(w.sms(SF1, 'AREAS').reply).toBe(t.notMember());
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} was already decided.`);
    expect(membership(w, SF1)).toBeUndefined();
  });

  it('never subscribes an applicant who sent STOP while waiting', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN');
    const ref = refIn(mod(w, 'PENDING'));
    w.sms(SF1, 'STOP');
    expect(mod(w, `APPROVE ${ref}`)).toBe(`No pending item #${ref}.`);
    expect(membership(w, SF1)).toEqual({ status: 'stopped', areas: [] });
    expect(w.queued(sms(SF1))).toEqual([]);
    mod(w, 'ALERT 415 grey van');
    expect(fanOut(w, w.alerts[0]!, [SF1]).to).toEqual({});
  });

  it('admits a new area of a member like the first, and never past MAX_AREAS, even one lowered since the request', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    // One member holds 415 and asks for 212 and 305; another holds three areas and asks for two more.
    w.sms(SF1, 'JOIN 415');
    mod(w, `APPROVE ${refIn(mod(w, 'PENDING'))}`);
    w.sms(SF1, 'JOIN 212 305');
    const first = joinRef(w, '212, 305');
    w.sms(NY, 'JOIN 212 646 718');
    mod(w, `APPROVE ${joinRef(w, '212, 646, 718')}`);
    expect(membership(w, NY)).toEqual({ status: 'active', areas: ['212', '646', '718'] });
    w.sms(NY, 'JOIN 415 503');
    const second = joinRef(w, '415, 503');

    // MAX_AREAS is now 2.
    const lowered = restart(w, { subscribeMode: 'approval', maxAreas: 2 });
    expect(lowered(MOD, `APPROVE ${first}`)).toBe(`#${first} admitted.`);
    expect(membership(w, SF1)).toEqual({ status: 'active', areas: ['212', '415'] });
    expect(lowered(MOD, `APPROVE ${second}`)).toBe(`#${second} admitted.`);
    expect(membership(w, NY)).toEqual({ status: 'active', areas: ['212', '646', '718'] });
  });

  it('tells a member admitted past a lowered MAX_AREAS only the areas they now hold', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN 415');
    mod(w, `APPROVE ${refIn(mod(w, 'PENDING'))}`);
    w.sms(SF1, 'JOIN 212 305');
    const ref = joinRef(w, '212, 305');
    const lowered = restart(w, { subscribeMode: 'approval', maxAreas: 2 });
    expect(lowered(MOD, `APPROVE ${ref}`)).toBe(`#${ref} admitted.`);
    expect(w.queued(sms(SF1)).map((m) => m.text)).toEqual([t.admitted(['415']), t.admitted(['212', '415'])]);
  });

  it('REJECT of a member’s request for more areas keeps the member and the areas they hold', async () => {
    const w = await modWorld({ subscribeMode: 'approval' });
    w.sms(SF1, 'JOIN 415');
    mod(w, `APPROVE ${refIn(mod(w, 'PENDING'))}`);
    w.sms(SF1, 'JOIN 212');
    const ref = joinRef(w, '212');
    expect(mod(w, `REJECT ${ref}`)).toBe(`#${ref} rejected.`);
    expect(membership(w, SF1)).toEqual({ status: 'active', areas: ['415'] });
    expect(mod(w, 'PENDING')).toBe('Nothing pending.');
    mod(w, 'ALERT 415 grey van');
    expect(fanOut(w, w.alerts[0]!, [SF1]).to).toEqual({ [SF1]: t.alert(['415'], 'grey van') });
  });
});

describe('erasing the notices of a decided report', () => {
  /** Which of the database file and its WAL hold the sealed body of the notice quoting a report (its first 32 bytes). */
  function noticeHeldIn(w: BotWorld, ref: string): () => string[] {
    const moderator = findMember(w.db, w.vault, MOD_SENDER)!;
    const row = w.db.sqlite
      .prepare('SELECT o.body_ct FROM outbox o JOIN report_notices n ON n.outbox_id = o.id JOIN reports r ON r.id = n.report_id WHERE r.ref = ? AND o.member_id = ?')
      .get(ref, moderator.id) as { body_ct: Buffer };
    const sealed = row.body_ct.subarray(0, 32);
    return () => [w.file, `${w.file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(sealed));
  }

  for (const decide of ['REJECT', 'APPROVE', 'EDIT']) {
    it(`${decide} leaves no copy of the waiting notice in the database file or its WAL`, async () => {
      const w = await modWorld();
      const ref = report(w, REPORTER, '415 grey van, took my phone');
      const heldIn = noticeHeldIn(w, ref);
      expect(heldIn()).toContain(`${w.file}-wal`);
      expect(mod(w, decide === 'EDIT' ? `EDIT ${ref} grey van` : `${decide} ${ref}`)).toContain(`#${ref}`);
      // The WAL is checkpointed and truncated just after the commit.
      await new Promise((resolve) => setImmediate(resolve));
      expect(heldIn()).toEqual([]);
    });
  }
});
