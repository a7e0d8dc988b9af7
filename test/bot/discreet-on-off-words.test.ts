/**
 * "DISCREET ON" sets discreet alerts on, "DISCREET OFF" off, in every
 * language; bare DISCREET toggles; words that say neither change nothing and
 * she is told how it stands. The keyword used to toggle whatever followed
 * it, so on a discreet-by-default line "DISCREET ON", sent to be sure, had
 * her next alert land in full on the phone she protects (found by a hunt on
 * discreet alerts).
 */
import { catalog } from '../../src/bot/catalog';
import type { Command } from '../../src/bot/commands';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { commandOf } from '../helpers/parsed';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const en = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function line(byDefault: boolean): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)], discreet: { byDefault, timerSeconds: 0 } });
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(en.joined(['415']));
  return w;
}

/** Whether her copy of a new alert to 415 goes as a notice (1) or in full (0). */
function nextAlertDiscreet(w: BotWorld): number[] {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  return claimLane(w.db, 'sms', w.clock.now + 1, 50, w.clock.now + 60_000)
    .filter((r) => r.alert_id !== null)
    .map((r) => r.discreet);
}

describe('the words after DISCREET', () => {
  const wanting = (wants?: 'on' | 'off' | 'unclear'): Command => (wants ? { kind: 'discreet', wants } : { kind: 'discreet' });

  it.each([
    ['DISCREET ON', 'on'],
    ['discreet on.', 'on'],
    ['DISCREET YES', 'on'],
    ['discreet mode on', 'on'],
    ['DISCREET ON please', 'on'],
    ['DISCRETO SÍ', 'on'],
    ['discreto si', 'on'],
    ['DISCRETA ACTIVAR', 'on'],
    ['DISCRET ACTIVÉ', 'on'],
    ['Discret oui', 'on'],
    ['DISCRET ACTIVER svp', 'on'],
    ['DISCRETO SIM', 'on'],
    ['discreto ativar', 'on'],
    ['DISCRETO LIGAR', 'on'],
    ['DISCREET ACTIVATE', 'on'],
    ['DISCREET OFF', 'off'],
    ['DISCREET NO', 'off'],
    ['discreet mode off', 'off'],
    ['discreto desactivar', 'off'],
    ['DISCRETO NO', 'off'],
    ['DISCRET NON', 'off'],
    ['DISCRET DÉSACTIVER', 'off'],
    ['DISCRET désactivé', 'off'],
    ['DISCRETO NÃO', 'off'],
    ['discreto nao', 'off'],
    ['DISCRETO DESATIVAR', 'off'],
    ['DISCRETO DESLIGAR', 'off'],
    ['DISCREET DEACTIVATE', 'off'],
  ] as const)('%s sets it %s', (text, wants) => {
    expect(commandOf(text)).toEqual(wanting(wants));
  });

  it.each(['DISCREET', 'Discreet!', 'DISCREET MODE', 'discreto modo'])('%s alone toggles', (text) => {
    expect(commandOf(text)).toEqual(wanting());
  });

  it.each(['discreet please', 'DISCREET ON OFF', 'DISCREET 415', 'discreet on my phone', 'DISCRETO POR FAVOR', 'discreet maybe', 'DISCREET 👍', 'DISCREET ✅', 'Discreet ?', 'discreet mode 👍'])(
    '%s says neither, and changes nothing',
    (text) => {
      expect(commandOf(text)).toEqual(wanting('unclear'));
    },
  );
});

describe('DISCREET ON and OFF on a line', () => {
  it('on a discreet-by-default line, DISCREET ON keeps her alerts as notices', async () => {
    const w = await line(true);
    expect(w.sms(ROSA, 'DISCREET ON').reply).toBe(en.discreetOn('sms'));
    expect(nextAlertDiscreet(w)).toEqual([1]);
  });

  it('DISCRETO SÍ twice leaves it on, in Spanish', async () => {
    const w = await line(false);
    const es = catalog('es');
    expect(w.sms(ROSA, 'LANG ES').reply).toBe(es.langSet());
    expect(w.sms(ROSA, 'DISCRETO SÍ').reply).toBe(es.discreetOn('sms'));
    expect(w.sms(ROSA, 'DISCRETO SÍ').reply).toBe(es.discreetOn('sms'));
    expect(nextAlertDiscreet(w)).toEqual([1]);
  });

  it('DISCREET OFF when off leaves it off', async () => {
    const w = await line(false);
    expect(w.sms(ROSA, 'DISCREET OFF').reply).toBe(en.discreetOff('sms'));
    expect(nextAlertDiscreet(w)).toEqual([0]);
  });

  it('DISCREET OFF turns it off, and DISCREET NO keeps it off', async () => {
    const w = await line(true);
    expect(w.sms(ROSA, 'DISCREET OFF').reply).toBe(en.discreetOff('sms'));
    expect(w.sms(ROSA, 'DISCREET NO').reply).toBe(en.discreetOff('sms'));
    expect(nextAlertDiscreet(w)).toEqual([0]);
  });

  it('bare DISCREET still toggles', async () => {
    const w = await line(true);
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(en.discreetOff('sms'));
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(en.discreetOn('sms'));
    expect(nextAlertDiscreet(w)).toEqual([1]);
  });

  it('words that say neither change nothing: she is told how it stands, naming the channel', async () => {
    const w = await line(true);
    expect(w.sms(ROSA, 'discreet please').reply).toBe(en.discreetState(true, 'sms'));
    expect(nextAlertDiscreet(w)).toEqual([1]);
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    expect(signal('JOIN 415')).toBe(en.joined(['415']));
    expect(signal('DISCREET OFF')).toBe(en.discreetOff('signal'));
    expect(signal('discreet maybe')).toBe(en.discreetState(false, 'signal'));
  });

  it('emoji or marks alone after it change nothing: a discreet member is not turned back to alerts in full', async () => {
    const w = await line(true);
    expect(w.sms(ROSA, 'DISCREET 👍').reply).toBe(en.discreetState(true, 'sms'));
    expect(w.sms(ROSA, 'Discreet ?').reply).toBe(en.discreetState(true, 'sms'));
    expect(nextAlertDiscreet(w)).toEqual([1]);
  });

  it('over Signal, DISCREET ON when already on sets no timer (one she chose stays); turning it on does', async () => {
    const timers: number[] = [];
    const w = await botWorld({ discreet: { byDefault: false, timerSeconds: 3600 }, onDisappearing: (_a: string, s: number) => timers.push(s) });
    let n = 0;
    const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
    signal('JOIN 415');
    expect(signal('DISCREET ON')).toBe(en.discreetOn('signal'));
    expect(signal('DISCREET ON')).toBe(en.discreetOn('signal'));
    expect(timers).toEqual([3600]);
  });
});
