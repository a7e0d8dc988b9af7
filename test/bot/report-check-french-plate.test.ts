/**
 * "plaque" is the word the French catalogue gives for a licence plate (HELP:
 * "VERIFIER + numéro, plaque ou @pseudo"; the vehicle question: "plaque
 * 7ABC123 CA"), as "plate" and "placa" are in English, Spanish and
 * Portuguese. A plate named so in a French report is found by CHECK once
 * approved, and VERIFIER plaque … looks it up; neither did, so screening
 * told a French member a reported car was clean.
 */
import { catalog } from '../../src/bot/catalog';
import { identifiersIn } from '../../src/alerts/identifiers';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const AMELIE = '+14155550121';
const ROSA = '+14155550122';
const fr = catalog('fr');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function world() {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(AMELIE, 'REJOINDRE 415');
  return w;
}
const refOf = (reply: string | null) => /#([A-Z0-9]{4,6})/.exec(reply ?? '')![1]!;

describe('a licence plate written "plaque" in French', () => {
  it('is read as a plate, as "plate" and "placa" are', () => {
    expect(identifiersIn('grey Honda plate 7XYZ987, violent').map((i) => i.kind)).toEqual(['plate']);
    expect(identifiersIn('Honda gris placa 7XYZ987, violento').map((i) => i.kind)).toEqual(['plate']);
    expect(identifiersIn('Honda grise plaque 7XYZ987, violent').map((i) => i.kind)).toEqual(['plate']);
  });

  it('in a French one-message report, is found by VERIFIER once approved', async () => {
    const w = await world();
    const ref = refOf(w.sms(AMELIE, 'SIGNALER 415 Honda grise plaque 7XYZ987, violent').reply);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toMatch(/approved/);
    expect(w.sms(AMELIE, 'VERIFIER 7XYZ987').reply).toMatch(/^Heads Up: cette plaque figure dans 1 alerte/);
  });

  it('VERIFIER plaque … (as HELP says) looks the plate up rather than asking for one', async () => {
    const w = await world();
    const ref = refOf(w.sms(AMELIE, 'SIGNALER 415 grey Honda plate 7QRS555, violent').reply);
    expect(w.sms(MOD, `APPROVE ${ref}`).reply).toMatch(/approved/);
    const reply = w.sms(AMELIE, 'Vérifier plaque 7QRS555').reply;
    expect(reply).not.toBe(fr.checkNeedsNumber());
    expect(reply).toMatch(/^Heads Up: cette plaque figure dans 1 alerte/);
  });
});
