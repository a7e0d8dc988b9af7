/**
 * STATUT, the French for STATUS, is AREAS as STATUS is: a French member who wrote it was told the line had not
 * understood (found by a conformance hunt). It collides with no keyword of another language.
 */
import { catalog } from '../../src/bot/catalog';
import { lookupKeyword } from '../../src/bot/keywords';
import { botWorld } from '../helpers/bot-world';

const ROSE = '+14155550101';

describe('STATUT', () => {
  it("lists a French member's areas in French", async () => {
    const w = await botWorld();
    expect(w.sms(ROSE, 'REJOINDRE').reply).toBe(catalog('fr').joined(['415']));
    expect(w.sms(ROSE, 'STATUT').reply).toBe(catalog('fr').areas(['415']));
    w.db.close();
  });

  it('is a French word only', () => {
    expect(lookupKeyword('STATUT')).toEqual({ kind: 'areas', lang: 'fr' });
  });
});
