import { answerDraft, categoriesOf, controlWord, draftConversation, draftOf, newDraft, type Draft, type Next } from '../../src/bot/report-dialogue';

const isArea = (t: string) => /^\d{3}$/.test(t);

function draftAfter(next: Next): Draft {
  if (next.kind === 'cancel') throw new Error('cancelled');
  return next.draft;
}

describe('the guided report dialogue', () => {
  it('asks the questions in order and keeps each answer', () => {
    let d = newDraft([]);
    const steps: string[] = [d.step];
    for (const answer of ['1 3', 'last night 11pm', '415 Motel 6 Lombard', 'tall, beard, says Rick', 'grey van 7ABC123', '415-555-0177', 'he took my phone']) {
      d = draftAfter(answerDraft(d, answer, isArea));
      steps.push(d.step);
    }
    expect(steps).toEqual(['what', 'when', 'where', 'person', 'vehicle', 'contact', 'other', 'review']);
    expect(d).toEqual({
      step: 'review',
      categories: ['violence', 'robbery'],
      areas: ['415'],
      when: 'last night 11pm',
      where: 'Motel 6 Lombard',
      person: 'tall, beard, says Rick',
      vehicle: 'grey van 7ABC123',
      contact: '415-555-0177',
      other: 'he took my phone',
    });
  });

  it('SKIP moves on without an answer, BACK goes to the previous question, never before the first', () => {
    let d = draftAfter(answerDraft(newDraft([]), 'skip', isArea));
    expect(d).toMatchObject({ step: 'when', categories: [] });
    d = draftAfter(answerDraft(d, 'BACK', isArea));
    expect(d.step).toBe('what');
    d = draftAfter(answerDraft(d, 'atras', isArea));
    expect(d.step).toBe('what');
    d = draftAfter(answerDraft(d, 'Saltar', isArea));
    expect(d.step).toBe('when');
  });

  it('asks again when "what happened" is not numbers from the list', () => {
    const next = answerDraft(newDraft([]), 'he hit me', isArea);
    expect(next.kind).toBe('again');
    expect(categoriesOf('1, 7 y 9')).toEqual(['violence', 'time-waster', 'other']);
    expect(categoriesOf('0')).toBeNull();
  });

  it('DONE files what there is, but not an empty draft; DROP, CANCEL and CANCELAR throw it away', () => {
    expect(answerDraft(newDraft([]), 'DONE', isArea).kind).toBe('empty');
    const d = draftAfter(answerDraft(newDraft([]), '2', isArea));
    expect(answerDraft(d, 'done', isArea)).toEqual({ kind: 'file', draft: d });
    expect(answerDraft(d, 'LISTO', isArea).kind).toBe('file');
    for (const w of ['DROP', 'cancel', 'CANCELAR', 'descartar']) expect(answerDraft(d, w, isArea)).toEqual({ kind: 'cancel' });
    // A control word inside a sentence is an answer.
    expect(controlWord('he said we are done')).toBeUndefined();
  });

  it('keeps areas given with REPORT unless the "where" answer names others', () => {
    let d: Draft = { ...newDraft(['628']), step: 'where' };
    expect(draftAfter(answerDraft(d, 'the Mission', isArea))).toMatchObject({ areas: ['628'], where: 'the Mission' });
    d = { ...newDraft(['628']), step: 'where' };
    expect(draftAfter(answerDraft(d, '415, 510 downtown', isArea))).toMatchObject({ areas: ['415', '510'], where: 'downtown' });
  });

  it('bounds each answer', () => {
    const d: Draft = { ...newDraft([]), step: 'person' };
    expect(draftAfter(answerDraft(d, 'x'.repeat(5000), isArea)).person).toHaveLength(300);
  });

  it('survives the conversation store: what is saved reads back, and a tampered draft reads as none', () => {
    const d = draftAfter(answerDraft(newDraft(['415']), '1', isArea));
    const c = draftConversation(d, 'es', 1_000, { channel: 'sms' });
    expect(c.expiresAt).toBe(1_000 + 30 * 60_000);
    expect(draftOf(c)).toEqual({ ...d, when: undefined, where: undefined, person: undefined, vehicle: undefined, contact: undefined, other: undefined });
    expect(draftOf({ ...c, answers: { draft: '{"step":"nope"}' } })).toBeUndefined();
    expect(draftOf({ ...c, answers: { draft: 'not json' } })).toBeUndefined();
  });
});
