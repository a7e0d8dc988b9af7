/** How a message reads while a question is open: the answer, CANCEL, or a command that keeps its meaning. */
import { areaAnswer, checkinWord, langAsked, startsCheckin, turnOf } from '../../src/bot/dialogues';
import { parse } from '../../src/bot/parser';

describe('turnOf', () => {
  it.each([
    ['STOP', false, 'command'],
    ['please stop texting me', false, 'command'],
    ['HELP', false, 'command'],
    ['ayuda', false, 'command'],
    ['DELETE', false, 'command'],
    ['borrar', false, 'command'],
    // The word opening an answer: a threat she quotes, a name.
    ['Delete your ad or I send your pics to your family, he wrote', false, 'answer'],
    ['Info on his car: grey Civic', false, 'answer'],
    // Or a request to erase her in so many words; "delete it" in a report means the draft.
    ['DELETE my number', false, 'command'],
    ['Delete me please', false, 'command'],
    ['borrar mis datos', false, 'command'],
    ['Delete all my data', false, 'command'],
    ['DELETE ALL MY INFO', false, 'command'],
    ['delete please', false, 'answer'],
    ['BORRAR todo', false, 'answer'],
    ['apagar meus dados', false, 'command'],
    ['delete it', false, 'answer'],
    ['Delete that, I made a mistake', false, 'answer'],
    ['HELP', true, 'command'],
    ['cancel', false, 'cancel'],
    // Twilio made a bare CANCEL an opt-out: so do we.
    ['CANCEL', true, 'command'],
    // A check-in's words are answers here; dispatch makes them commands while a check-in runs.
    ['OK', false, 'answer'],
    ['LATER 30', false, 'answer'],
    ['415', false, 'answer'],
    ['JOIN 415', false, 'answer'],
    ['REPORT 415 grey van', false, 'answer'],
    ['', false, 'answer'],
    // A stop word opening a longer answer is the answer; the word alone, or a request to stop, is STOP.
    ['End of my shift, about 2am', false, 'answer'],
    ['Alto, moreno, con barba', false, 'answer'],
    ['quit his job last week he said', false, 'answer'],
    ['END', false, 'command'],
    ['alto', false, 'command'],
    ['STOP texting me', false, 'command'],
    ['no más mensajes', false, 'command'],
    ['STOP please', false, 'command'],
    ['pls stop', false, 'command'],
    // Alone, the answer to "¿Algo más para las moderadoras?": nothing more.
    ['basta ya', false, 'answer'],
    ['No más', false, 'answer'],
    ['Basta!', false, 'answer'],
    ['STOP STOP', false, 'command'],
    ['Stop all', false, 'command'],
    ['stop everything', false, 'command'],
    // Opening with the word is not asking: a place, a sentence (Mexican Spanish "as soon as I arrived he hit me").
    ['Stop n Go gas station on Westheimer', false, 'answer'],
    ['stop sign at 5th and Main', false, 'answer'],
    ['No más llegué y me pegó', false, 'answer'],
    ['Basta de rodeos, era él', false, 'answer'],
    ['cancel the report', false, 'cancel'],
    // CANCEL naming the line's messages asks to stop them.
    ['cancel my alerts pls', false, 'command'],
    // A request after it, or CANCEL naming her: her STOP. The report named, IT or politeness alone: the question.
    ['cancel and unsubscribe me', false, 'command'],
    ['cancel, stop texting me', false, 'command'],
    ['Cancel. Unsubscribe me', false, 'command'],
    ['cancel report and stop texting me', false, 'command'],
    ['cancel my account', false, 'command'],
    ['cancel me', false, 'command'],
    ['cancel report', false, 'cancel'],
    ['cancel pls', false, 'cancel'],
    ['cancel it', false, 'cancel'],
    ['cancel it, he found me', false, 'cancel'],
    // The report's own words for dropping it end any question, in every language.
    ['DROP', false, 'cancel'],
    ['cancelar', false, 'cancel'],
    ['Annuler', false, 'cancel'],
    ['drop it', false, 'answer'],
    // What the carrier did, we do.
    ['END', true, 'command'],
  ] as const)('reads %j (carrier answered: %s) as %s', (text, answered, turn) => {
    expect(turnOf(parse(text), text, answered)).toBe(turn);
  });
});

describe('checkinWord', () => {
  it.each([
    ['OK', true],
    ['ok', true],
    ['LATER 30', true],
    ['ok so he drove off', false],
    ['OK thanks', true],
    ['ok ok', true],
    ['Fini, merci !', true],
    ['Pronto, obrigada', true],
    // LISTO is also the report's DONE: "Listo, gracias" is done with the report, not her OK.
    ['Listo, gracias', false],
    ['LISTO gracias', false],
    ['ok, listo', false],
    ['ok thanks he paid', false],
    ['later he came back', false],
    ['415', false],
    ['STOP', false],
  ] as const)('%j is a check-in word: %s', (text, word) => {
    expect(checkinWord(parse(text), text)).toBe(word);
  });
});

describe('startsCheckin', () => {
  it.each([
    ['CHECKIN 60 blue Honda', true],
    ['Check in 90', true],
    ['check-in 2h', true],
    // A hotel's check-in, in a report's answer.
    ['Check-in 1 hour ago at the Motel 6', false],
    ['Check in 2 hours ago', false],
    ['SAFE 60', true],
    ['Segura 1h', true],
    // "Safe" with a time and more is as likely a report's sentence.
    ['Safe 2 hours later he called', false],
    ['CHECKIN', false],
    ['OK', false],
    ['last night', false],
  ] as const)('%j starts a check-in mid-question: %s', (text, starts) => {
    expect(startsCheckin(parse(text))).toBe(starts);
  });
});

describe('areaAnswer', () => {
  it.each([
    ['415', ['415']],
    [' 415, 628. ', ['415', '628']],
    ['join 212', ['212']],
    ['san-francisco', ['san-francisco']],
    ['JOIN', []],
    ['', []],
  ])('takes %j as %j', (text, tokens) => {
    expect(areaAnswer(parse(text), text)).toEqual(tokens);
  });

  it('looks at no more than 20 words', () => {
    const text = Array.from({ length: 50 }, () => '415').join(' ');
    expect(areaAnswer(parse(text), text)).toHaveLength(20);
  });
});

describe('langAsked (LANG sent to a report question: no answer, the question asked again in it)', () => {
  it.each([
    ['LANG', true],
    ['LANG FR', true],
    ['LANG FR 🙏', true],
    ['lang es!', true],
    // Her answer: a name or a street, and any more words.
    ['Lang St', false],
    ['Lang Nguyen, 40s, short', false],
    ['LANG FR please', false],
    // Another command's word alone, or two words naming no language: her answer too.
    ['DENUNCIA', false],
    ['CHECK', false],
    ['Hola amigos', false],
  ])('"%s" → %s', (text, asked) => {
    expect(langAsked(parse(text), text)).toBe(asked);
  });
});
