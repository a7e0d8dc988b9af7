/**
 * BACK then SKIP clears the answer she went back to: a worker who typed her
 * own address as "where" goes back to take it out, in every language.
 */
import { answerDraft, newDraft, type Draft } from '../../src/bot/report-dialogue';
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const areaWords = (words: string[]) => {
  const n = words.findIndex((w) => !/^\d{3}$/.test(w));
  return n < 0 ? words.length : n;
};

describe('SKIP on a question already answered', () => {
  it('clears that answer and moves on; the areas the answer named stay', () => {
    const d: Draft = { ...newDraft(['415']), step: 'where', categories: ['violence'], when: 'tonight', where: 'my place 12 Oak St' };
    expect(answerDraft(d, 'SKIP', areaWords)).toEqual({ kind: 'ask', draft: { ...newDraft(['415']), step: 'person', categories: ['violence'], when: 'tonight' } });
    const what: Draft = { ...newDraft([]), step: 'what', categories: ['robbery'] };
    expect(answerDraft(what, 'SKIP', areaWords)).toEqual({ kind: 'ask', draft: { ...newDraft([]), step: 'when' } });
  });

  it.each([
    ['en', ['REPORT', '1', 'tonight', '415 my place 12 Oak St apt 3', 'BACK', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'SKIP', 'DONE']],
    ['es', ['REPORTE', '1', 'anoche', '415 mi casa 12 Oak St apt 3', 'ATRAS', 'SALTAR', 'SALTAR', 'SALTAR', 'SALTAR', 'SALTAR', 'LISTO']],
    ['fr', ['SIGNALER', '1', 'hier soir', '415 chez moi 12 Oak St apt 3', 'RETOUR', 'PASSER', 'PASSER', 'PASSER', 'PASSER', 'PASSER', 'ENVOYER']],
    ['pt', ['DENUNCIA', '1', 'ontem', '415 minha casa 12 Oak St apt 3', 'VOLTAR', 'PULAR', 'PULAR', 'PULAR', 'PULAR', 'PULAR', 'ENVIAR']],
  ])('%s: the alert a moderator is shown has no "where", and still goes to 415', async (_lang, steps) => {
    const w = await world();
    let reply = '';
    for (const a of steps) reply = w.sms(REPORTER, a).reply ?? '';
    const ref = /#([A-Z0-9]{4,6})/.exec(reply)?.[1] ?? '';
    expect(ref).toMatch(/^[A-Z0-9]{4,6}$/);
    const shown = w.sms(MOD, `SHOW ${ref}`).reply ?? '';
    expect(shown).toContain('(415)');
    expect(shown).not.toContain('Oak St');
  });
});
