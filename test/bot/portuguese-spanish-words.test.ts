/**
 * ZONAS and REPORTAR are the Spanish replies' words, and ordinary Portuguese ones too: a Portuguese member who
 * wrote them was answered in Spanish ("tus areas de alerta son LIS", a whole guided report in Spanish), against
 * the rule that a word two languages share keeps the member's language (found by a conformance hunt on a
 * Portuguese line). A Spanish newcomer's are still answered in Spanish, whose replies teach them.
 */
import { catalog } from '../../src/bot/catalog';
import type { Lang } from '../../src/domain/lang';
import { findMember } from '../../src/store/members';
import { botWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const lang = (w: Awaited<ReturnType<typeof botWorld>>): Lang | undefined => findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.lang;

describe('Spanish keywords that are Portuguese words too', () => {
  it('answers a Portuguese member her ZONAS in Portuguese', async () => {
    const w = await botWorld();
    const pt = catalog('pt');
    expect(w.sms(ROSA, 'ENTRAR').reply).toBe(pt.joined(['415']));
    expect(w.sms(ROSA, 'AJUDA').reply).toBe(pt.help());
    expect(w.sms(ROSA, 'ZONAS').reply).toBe(pt.areas(['415']));
    expect(lang(w)).toBe('pt');
    w.db.close();
  });

  it("asks a Portuguese member's REPORTAR in Portuguese", async () => {
    const w = await botWorld();
    expect(w.sms(ROSA, 'ENTRAR').reply).toBe(catalog('pt').joined(['415']));
    expect(w.sms(ROSA, 'REPORTAR').reply).toBe(catalog('pt').reportAsk('what'));
    expect(lang(w)).toBe('pt');
    w.db.close();
  });

  it.each(['ZONAS', 'REPORTAR'])("still answers a newcomer's %s in Spanish", async (word) => {
    const w = await botWorld();
    const es = catalog('es');
    const reply = w.sms(ROSA, word).reply;
    expect(reply).toBe(word === 'ZONAS' ? es.notMember() : es.reportAsk('what'));
    w.db.close();
  });
});
