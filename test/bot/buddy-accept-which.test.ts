/**
 * A number is a buddy only once it replies ACCEPT to an invitation it
 * knows. A stranger's invitation she ignored (an abusive client who has her
 * number) must not ride on her ACCEPT of a friend's: when several people
 * wait, ACCEPT lists them by the names they gave and asks which; and an
 * invitation no one answered lapses after a week.
 */
import { catalog } from '../../src/bot/catalog';
import { runRetention } from '../../src/jobs/retention';
import type { BotWorld } from '../helpers/bot-world';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const DAY = 86_400_000;
const t = catalog('en');

const world = (): Promise<BotWorld> => acceptLine();

const said = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply;
const toldAccepted = (w: BotWorld, member: string) => w.queued({ channel: 'sms', address: member, phone: member }).some((m) => m.text === t.buddyAcceptedMember('0173'));

describe('ACCEPT when more than one person asked', () => {
  it('accepts no one and asks which, by the names they gave', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT')).toBe(t.buddyWhich(['Mike', 'Rose'], 0));
    expect(toldAccepted(w, STRANGER)).toBe(false);
    expect(toldAccepted(w, FRIEND)).toBe(false);
    expect(said(w, STRANGER, 'BUDDY')).toBe(t.buddyList([{ ending: '0173', status: 'invited' }]));
  });

  it('accepts the one she names, and only that one', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rosé`);
    expect(said(w, HER, 'accept rose')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
    expect(said(w, STRANGER, 'BUDDY')).toBe(t.buddyList([{ ending: '0173', status: 'invited' }]));
    expect(said(w, FRIEND, 'BUDDY')).toBe(t.buddyList([{ ending: '0173', status: 'accepted' }]));
  });

  it('accepts the one listed as 2 when she answers "ACCEPTER +2", as the French list tells her ("ACCEPTER + le numéro")', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    said(w, HER, 'ACCEPT');
    expect(said(w, HER, 'ACCEPTER +2')).toBe(catalog('fr').buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });

  it('asks again when the name is none of theirs', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT Dave')).toBe(t.buddyWhich(['Mike', 'Rose'], 0));
    expect(toldAccepted(w, STRANGER) || toldAccepted(w, FRIEND)).toBe(false);
  });

  it('accepts a lone invitation as ever, with a bare ACCEPT', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
  });

  it.each(['ACCEPT Rose', 'accept, rosé!'])('accepts a lone invitation by the name she gave: %s', async (text) => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, text)).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
  });

  it.each(['ACCEPT Mike', 'ACCEPT whatever I like', 'accept, see you soon', 'Accept ❤️'])(
    'accepts no lone invitation for words that are not its name, and says who is waiting: %s',
    async (text) => {
      const w = await world();
      said(w, STRANGER, `BUDDY ${HER} Rose`);
      expect(said(w, HER, text)).toBe(t.buddyWaiting('Rose'));
      expect(toldAccepted(w, STRANGER)).toBe(false);
      expect(said(w, STRANGER, 'BUDDY')).toBe(t.buddyList([{ ending: '0173', status: 'invited' }]));
      // Told who it is, a bare ACCEPT accepts.
      expect(said(w, HER, 'ACCEPT')).toBe(t.buddyAccepted());
      expect(toldAccepted(w, STRANGER)).toBe(true);
    },
  );

  it('says who is waiting in her language', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACEPTAR Mike')).toBe(catalog('es').buddyWaiting('Rose'));
    expect(toldAccepted(w, FRIEND)).toBe(false);
  });
});

describe('ACCEPT by number, when the names do not tell them apart', () => {
  it('lets her accept her friend when a stranger gave the same name: they are listed numbered, oldest first', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    said(w, STRANGER, `BUDDY ${HER} Rose`);
    const listed = said(w, HER, 'ACCEPT');
    expect(listed).toBe(t.buddyWhich(['Rose', 'Rose'], 0));
    expect(listed).toContain('1 Rose, 2 Rose');
    // The name picks no one of two: asked again, no one accepted.
    expect(said(w, HER, 'ACCEPT Rose')).toBe(listed);
    expect(said(w, HER, 'ACCEPT 1')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
    expect(said(w, STRANGER, 'BUDDY')).toBe(t.buddyList([{ ending: '0173', status: 'invited' }]));
  });

  it('numbers them in the order they asked, and a number none is given asks again', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT 3')).toBe(t.buddyWhich(['Mike', 'Rose'], 0));
    expect(said(w, HER, 'ACCEPT #2')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });

  it('takes the number over a name: a stranger who calls himself "1" does not take her answer to the first', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    said(w, STRANGER, `BUDDY ${HER} 1`);
    expect(said(w, HER, 'ACCEPT')).toBe(t.buddyWhich(['Rose', '1'], 0));
    expect(said(w, HER, 'ACCEPT 1')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });

  it('accepts by a name written in emoji alone, as the inviter wrote it', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} 🌹`);
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    expect(said(w, HER, 'ACCEPT 🌹')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });
});

describe('an invitation no one answered', () => {
  it('lapses after a week: her later ACCEPT of a friend does not take the old one with it', async () => {
    const w = await world();
    said(w, STRANGER, `BUDDY ${HER} Mike`);
    w.clock.now += 8 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(said(w, STRANGER, 'BUDDY')).toBe(t.buddyNone());
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    expect(said(w, HER, 'ACCEPT')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
    expect(toldAccepted(w, STRANGER)).toBe(false);
  });

  it('still waits after six days', async () => {
    const w = await world();
    said(w, FRIEND, `BUDDY ${HER} Rose`);
    w.clock.now += 6 * DAY;
    runRetention(w.db, 90, w.clock.now);
    expect(said(w, HER, 'ACCEPT')).toBe(t.buddyAccepted());
    expect(toldAccepted(w, FRIEND)).toBe(true);
  });
});
