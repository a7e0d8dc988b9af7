/**
 * An ALERT typed all in capitals on a line of its own areas took every code-shaped word after its area as one
 * more area: "ALERT LDN MAN WITH A KNIFE AT KINGS CROSS" went out at once to Manchester's members too, its text
 * "WITH A KNIFE …". A REPORT with nowhere else to go did the same. In a text all in capitals, the first word may
 * be the area its command names, but a letter code after an area is the text's unless "and" joins it to that area.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { findProjectDir } from '../../src/store/find-up';
import type { Sender } from '../../src/phone/identity';
import { openAlert } from '../../src/store/alerts';
import { botWorld } from '../helpers/bot-world';

const MOD = '+442079460999';
const UNCLAIMED = '+447911100001'; // a UK mobile: no area claims it
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const ukWorld = () =>
  botWorld({
    regions: Regions.forLine(path.join(findProjectDir('config'), 'areas.uk.example.json'), 'GB'),
    moderators: new Set([MOD]),
    moderatorContacts: [sms(MOD)],
  });

describe('an ALERT all in capitals', () => {
  it.each([
    ['ALERT LDN MAN WITH A KNIFE AT KINGS CROSS', 'LDN', 'MAN WITH A KNIFE AT KINGS CROSS'],
    ['ALERT LDN BEL BOY AT THE RITZ STOLE PHONES', 'LDN', 'BEL BOY AT THE RITZ STOLE PHONES'],
    ['ALERT LDN GREY VAN AT KINGS CROSS', 'LDN', 'GREY VAN AT KINGS CROSS'],
    ['ALERT LDN AND MAN POLICE SWEEP TONIGHT', 'LDN, MAN', 'POLICE SWEEP TONIGHT'],
    ['ALERT LDN MANCHESTER POLICE SWEEP TONIGHT', 'LDN, MAN', 'POLICE SWEEP TONIGHT'],
  ])('%j goes to %s with the text %j', async (command, areas, text) => {
    const w = await ukWorld();
    expect(w.sms(MOD, command).reply).toMatch(new RegExp(`going to ${areas}\\.`));
    expect(openAlert(w.db, w.vault, 1)?.body).toEqual({ text });
  });

  it('in small letters still reads the codes she wrote in capitals: "ALERT LDN MAN grey van"', async () => {
    const w = await ukWorld();
    expect(w.sms(MOD, 'ALERT LDN MAN grey van at the station').reply).toMatch(/going to LDN, MAN\./);
    expect(openAlert(w.db, w.vault, 1)?.body).toEqual({ text: 'grey van at the station' });
  });
});

describe('a REPORT all in capitals from a number no area claims', () => {
  it('goes to the code she typed first, not to a code-shaped word after it', async () => {
    const w = await ukWorld();
    expect(w.sms(UNCLAIMED, 'REPORT LDN MAN WITH A KNIFE AT KINGS CROSS').reply).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/\(LDN\)/);
  });
});
