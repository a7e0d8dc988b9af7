/** The check-in commands as the pure parser reads them (issue 13). */
import type { Command, Lang } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';

describe('parse: check-in commands', () => {
  const table: Array<[string, Command, Lang | undefined]> = [
    ['BUDDY +14155550177 Rose', { kind: 'buddy', action: 'add', number: '+14155550177', name: 'Rose' }, 'en'],
    ['buddy (415) 555-0177 Rose Marie', { kind: 'buddy', action: 'add', number: '(415) 555-0177', name: 'Rose Marie' }, 'en'],
    ['BUDDY signal 415.555.0177 Rose', { kind: 'buddy', action: 'add', channel: 'signal', number: '415.555.0177', name: 'Rose' }, 'en'],
    ['BUDDY SMS 415 555 0177 Jo', { kind: 'buddy', action: 'add', channel: 'sms', number: '415 555 0177', name: 'Jo' }, 'en'],
    ['BUDDY OFF', { kind: 'buddy', action: 'off' }, 'en'],
    ['BUDDY off 415-555-0177', { kind: 'buddy', action: 'off', number: '415-555-0177' }, 'en'],
    ['BUDDY', { kind: 'buddy', action: 'list' }, 'en'],
    ['AMIGA 415-555-0177 Rosa', { kind: 'buddy', action: 'add', number: '415-555-0177', name: 'Rosa' }, 'es'],
    ['ACCEPT', { kind: 'accept' }, 'en'],
    ['Aceptar', { kind: 'accept' }, 'es'],
    ['ACCEPT  Rose  Marie', { kind: 'accept', name: 'Rose Marie' }, 'en'],
    ['DECLINE', { kind: 'decline' }, 'en'],
    ['RECHAZAR', { kind: 'decline' }, 'es'],
    ['CHECKIN 90 blue Honda, 415-555-0100', { kind: 'checkin', minutes: 90, details: 'blue Honda, 415-555-0100' }, 'en'],
    ['checkin 90', { kind: 'checkin', minutes: 90, details: '' }, 'en'],
    ['SAFE 90 min grey van', { kind: 'checkin', minutes: 90, details: 'grey van' }, 'en'],
    ['SAFE 1.5h', { kind: 'checkin', minutes: 90, details: '' }, 'en'],
    ['SAFE 2 hours', { kind: 'checkin', minutes: 120, details: '' }, 'en'],
    // SEGURA is Spanish and Portuguese alike: it keeps the member's language.
    ['SEGURA 45m Toyota gris', { kind: 'checkin', minutes: 45, details: 'Toyota gris' }, undefined],
    ['CHECKIN 0.05 test', { kind: 'checkin', minutes: 0.05, details: 'test' }, 'en'],
    // As people write it: read as a CHECK of "in 90", no check-in ran.
    ['Check in 90', { kind: 'checkin', minutes: 90, details: '' }, 'en'],
    ['check-in 2h Motel 6', { kind: 'checkin', minutes: 120, details: 'Motel 6' }, 'en'],
    ['OK', { kind: 'ok' }, undefined],
    ['Okay', { kind: 'ok' }, undefined],
    ['ok!', { kind: 'ok' }, undefined],
    ['LISTA', { kind: 'ok' }, 'es'],
    // A check-in word that means safe, alone, says she is.
    ['Safe', { kind: 'ok', startWord: true }, 'en'],
    ['Segura!', { kind: 'ok', startWord: true }, undefined],
    ['LATER 30', { kind: 'later', minutes: 30 }, 'en'],
    ['LUEGO 1h', { kind: 'later', minutes: 60 }, 'es'],
    // More words after the minutes: an answer in a conversation, a LATER elsewhere.
    ['LATER 30 min after I got there', { kind: 'later', minutes: 30, withText: true }, 'en'],
  ];

  it.each(table)('reads %j', (input, expected, lang) => {
    // Which members a shared word keeps in their language is keyword-tables.test.ts's.
    const { keeps: _keeps, ...p } = parse(input);
    expect(p).toEqual({ ok: true, command: expected, lang, keyword: expect.any(String), exactKeyword: expect.any(Boolean) });
  });

  it.each([
    ['BUDDY Rose', 'bad_number'],
    ['BUDDY 415-555-0177', 'missing_name'],
    ['CHECKIN', 'missing_minutes'],
    ['CHECK IN', 'missing_minutes'],
    // Followed by words the duration parser cannot read, SAFE is no OK: she meant a time, and an OK would end her check-in.
    ['SAFE for 2 hours', 'missing_minutes'],
    ['Safe in 90', 'missing_minutes'],
    ['SECURITE', 'missing_minutes'],
    ['CHECKIN soon', 'missing_minutes'],
    ['CHECKIN 90x blue', 'missing_minutes'],
    ['LATER', 'missing_minutes'],
    // A bare number then two bare digits: an hour and minutes, or a clock time? Read as 10-12 minutes, the alarm came early.
    ['LATER 11 30', 'missing_minutes'],
    // A time of day after a bare number: read as minutes, the alarm would come early.
    ['LATER 11 30pm', 'missing_minutes'],
    ['LATER 11 pm', 'missing_minutes'],
    ["LATER 11 o'clock", 'missing_minutes'],
    ['LATER 11 tonight', 'missing_minutes'],
    ['LATER 12 noon', 'missing_minutes'],
    ['LUEGO 11 y media', 'missing_minutes'],
    ['LATER 11 e meia', 'missing_minutes'],
    ['LATER 10 and a half', 'missing_minutes'],
    ['LATER 10 30', 'missing_minutes'],
    ['LATER 12 15', 'missing_minutes'],
    ['LUEGO 11 y 30', 'missing_minutes'],
    ['LATER 45 15', 'missing_minutes'],
    // A decimal count of minutes: 10.3 minutes, or 10:30?
    ['LATER 10.30', 'missing_minutes'],
    ['LATER 1,45', 'missing_minutes'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parse(input)).toMatchObject({ ok: false, error });
  });

  it('keeps at most 30 characters of a name', () => {
    const p = parse(`BUDDY 415-555-0177 ${'R'.repeat(40)}`);
    expect(p).toMatchObject({ ok: true, command: { kind: 'buddy', name: 'R'.repeat(30) } });
  });
});

describe('parse: check-in durations and names as members write them', () => {
  const minutesOf = (input: string) => {
    const p = parse(input);
    return p.ok && (p.command.kind === 'checkin' || p.command.kind === 'later') ? p.command.minutes : p;
  };

  it.each([
    ['CHECKIN 45m', 45],
    ['CHECKIN 45 m', 45],
    ['CHECKIN 45min', 45],
    ['CHECKIN 45 min', 45],
    ['CHECKIN 45mins', 45],
    ['CHECKIN 45 mins', 45],
    ['CHECKIN 45minute', 45],
    ['CHECKIN 45 minute', 45],
    ['CHECKIN 45minutes', 45],
    ['CHECKIN 45 minutes', 45],
    ['SEGURA 45minuto', 45],
    ['SEGURA 45 minuto', 45],
    ['SEGURA 45minutos', 45],
    ['SEGURA 45 minutos', 45],
    ['LATER 2hrs', 120],
    ['LUEGO 2 horas', 120],
  ])('reads every spelling of minutes and hours: %j', (input, minutes) => {
    expect(minutesOf(input)).toBe(minutes);
  });

  it('reads a decimal comma as a decimal point (1,5 h is an hour and a half)', () => {
    expect(minutesOf('SAFE 1,5h')).toBe(90);
    expect(minutesOf('LUEGO 1,5 horas')).toBe(90);
  });

  it('reads hours then minutes whole: "1h 30m" is no hour with "30m" for details (the alarm would come half an hour early)', () => {
    expect(parse('CHECKIN 1h 30m grey van')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'grey van' } });
    expect(parse('SAFE 2 hours 15 minutes')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 135, details: '' } });
    expect(parse('LUEGO 1h 30 min')).toMatchObject({ ok: true, command: { kind: 'later', minutes: 90 } });
    expect(parse('CHECKIN 2h30 grey van')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 150, details: 'grey van' } });
    expect(parse('CHECKIN 2h30m')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 150 } });
    // A number after the hours with no unit may be the details ("12 Oak St"): it stays the details.
    expect(parse('CHECKIN 1h 12 Oak St')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '12 Oak St' } });
    // Minutes after minutes are details too.
    expect(parse('CHECKIN 45m 10m walk')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 45, details: '10m walk' } });
    // Two-digit hours (with their minutes said so: a bare "10h30" may be a clock time, see
    // checkin-clock-time-words.test.ts), one-digit minutes; 60 minutes after the hours is no part of them.
    expect(parse('CHECKIN 10h30min')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 630 } });
    expect(parse('CHECKIN 2h5')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 125 } });
    expect(parse('CHECKIN 1h 60m walk')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '60m walk' } });
  });

  it.each([
    ['CHECKIN 1h 30', 90],
    ['CHECKIN 1 hr 30', 90],
    ['CHECKIN 1 hour 30', 90],
    ['LATER 1 hour 30', 90],
    ['CHECKIN 2h 15', 135],
    ['CHECKIN 1 hrs 45', 105],
    ['CHECKIN 1h 12', 72],
    ['CHECKIN 1 hora y media', 90],
    ['SEGURA 1h y media', 90],
    ['LUEGO 2 horas y media', 150],
    ['SEGURA 1 hora e meia', 90],
    ['SECURITE 1 heure et demie', 90],
    ['SECURITE 1 heure 30', 90],
    ['CHECKIN 1 hour and a half', 90],
  ])('reads the minutes she writes bare, or as a half, after the hours: %j is %d minutes', (input, minutes) => {
    expect(minutesOf(input)).toBe(minutes);
  });

  it('reads a quarter written bare after the hours as minutes, the details after it (the alarm would come early)', () => {
    expect(parse('CHECKIN 1h 30 red car')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'red car' } });
    expect(parse('CHECKIN 1 hr 45 grey van, 415-555-0100')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 105, details: 'grey van, 415-555-0100' } });
    expect(parse('CHECKIN 1 hora y media carro rojo')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'carro rojo' } });
    expect(parse('CHECKIN 1h 30, red car')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'red car' } });
  });

  it('leaves a number after the hours in the details when it counts something else, or is no quarter with more after it', () => {
    expect(parse('CHECKIN 1h 30 dollars short')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '30 dollars short' } });
    expect(parse('CHECKIN 1h $30 red car')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '$30 red car' } });
    expect(parse('CHECKIN 1h 45 yo guy')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '45 yo guy' } });
    expect(parse('CHECKIN 2h 15 pm pickup')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 120, details: '15 pm pickup' } });
    expect(parse('CHECKIN 1h 12 Oak St')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: '12 Oak St' } });
    // Money as members write it, and a second hours unit ("a 15 hr drive"), are no minutes either.
    for (const [input, details] of [
      ['CHECKIN 1h 30 mil pesos', '30 mil pesos'],
      ['CHECKIN 1h 30 dlls', '30 dlls'],
      ['CHECKIN 1h 30 dls', '30 dls'],
      ['CHECKIN 1h 30 dll', '30 dll'],
      ['CHECKIN 1h 30 dolar', '30 dolar'],
      ['CHECKIN 1h 30 euros', '30 euros'],
      ['CHECKIN 1h 15 buck tip', '15 buck tip'],
      ['CHECKIN 1h 30 pavos', '30 pavos'],
      ['CHECKIN 1h 30 balles', '30 balles'],
      ['CHECKIN 1h 15 hr drive', '15 hr drive'],
      ['CHECKIN 1h 30 hrs', '30 hrs'],
    ] as const) {
      expect([input, parse(input)]).toMatchObject([input, { ok: true, command: { kind: 'checkin', minutes: 60, details } }]);
    }
    // Minutes written as minutes are still minutes.
    expect(parse('CHECKIN 1h 30 mins red car')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'red car' } });
    // "Media" alone, with no "y" before it, is no half hour.
    expect(parse('CHECKIN 1 hora media cuadra')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details: 'media cuadra' } });
  });

  it('leaves a quarter after the hours in the details when it opens an address: read as minutes, the alarm would come late', () => {
    for (const [input, minutes, details] of [
      ['CHECKIN 2h 15 Main St', 120, '15 Main St'],
      ['CHECKIN 2h 15 Main St.', 120, '15 Main St.'],
      ['CHECKIN 2h 15 Main Street, red car', 120, '15 Main Street, red car'],
      ['CHECKIN 1h 45 Oak Ave', 60, '45 Oak Ave'],
      ['CHECKIN 1h 30 Park Blvd', 60, '30 Park Blvd'],
      ['CHECKIN 1h 30 Elm Rd', 60, '30 Elm Rd'],
      ['CHECKIN 1h 30 Ocean Dr', 60, '30 Ocean Dr'],
      ['CHECKIN 1h 30 Pine Ln', 60, '30 Pine Ln'],
      ['CHECKIN 1h 30 Abbey Way', 60, '30 Abbey Way'],
      ['CHECKIN 1h 30 Hwy 101', 60, '30 Hwy 101'],
      ['CHECKIN 2h 30 St Marks Pl', 120, '30 St Marks Pl'],
      ['CHECKIN 2h 15 W 4th St', 120, '15 W 4th St'],
      // The street word after a name of two or three words.
      ['CHECKIN 1h 30 Rockefeller Plaza', 60, '30 Rockefeller Plaza'],
      ['CHECKIN 2h 15 Old Mill Rd', 120, '15 Old Mill Rd'],
      ['CHECKIN 2h 15 Martin Luther King Blvd', 120, '15 Martin Luther King Blvd'],
      ['SEGURA 1h 15 calle 8', 60, '15 calle 8'],
      ['SEGURA 1h 30 Av Reforma', 60, '30 Av Reforma'],
      ['SEGURA 1h 30 avenida Juarez', 60, '30 avenida Juarez'],
      ['SECURITE 1h 30 rue Oberkampf', 60, '30 rue Oberkampf'],
      ['SECURITE 1h 45 bd Voltaire', 60, '45 bd Voltaire'],
      ['SEGURA 1h 30 rua Augusta', 60, '30 rua Augusta'],
    ] as const) {
      expect([input, parse(input)]).toMatchObject([input, { ok: true, command: { kind: 'checkin', minutes, details } }]);
    }
    // Words that are no street keep the quarter as minutes.
    expect(parse('CHECKIN 1h 30 red car')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'red car' } });
    expect(parse('CHECKIN 2h 30 his place, grey van')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 150, details: 'his place, grey van' } });
    expect(parse('CHECKIN 1h 30 at the Main St motel')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'at the Main St motel' } });
    // A hotel's name, cash, a doctor, her way: no address, no amount (read so, the alarm would come half an hour early).
    for (const [input, minutes, details] of [
      ['CHECKIN 1h 30 Grand Hyatt', 90, 'Grand Hyatt'],
      ['CHECKIN 1h 30 cash', 90, 'cash'],
      ['CHECKIN 2h 30 with Dr Smith', 150, 'with Dr Smith'],
      ['CHECKIN 2h 30 Dr. Smith', 150, 'Dr. Smith'],
      ['CHECKIN 1h 30 red car on Main St', 90, 'red car on Main St'],
      ['CHECKIN 1h 30 on my way', 90, 'on my way'],
    ] as const) {
      expect([input, parse(input)]).toMatchObject([input, { ok: true, command: { kind: 'checkin', minutes, details } }]);
    }
  });

  it.each([
    ['CHECKIN 1h 30 Mission Terrace', '30 Mission Terrace'],
    ['CHECKIN 1h 30 Ocean Pkwy', '30 Ocean Pkwy'],
    ['CHECKIN 1h 30 Eastern Parkway', '30 Eastern Parkway'],
    ['CHECKIN 1h 15 Union Square', '15 Union Square'],
    ['CHECKIN 1h 15 Union Sq', '15 Union Sq'],
    ['CHECKIN 1h 30 Oak Cir', '30 Oak Cir'],
    ['CHECKIN 1h 30 Maple Circle', '30 Maple Circle'],
    ['CHECKIN 1h 30 Oak Place', '30 Oak Place'],
    ['CHECKIN 1h 30 Elm Court', '30 Elm Court'],
    ['SECURITE 1h 30 chemin Vert', '30 chemin Vert'],
    ['SECURITE 1h 30 allée des Roses', '30 allée des Roses'],
    ['SECURITE 1h 15 impasse Truillot', '15 impasse Truillot'],
    ['SECURITE 1h 30 quai Voltaire', '30 quai Voltaire'],
    ['SECURITE 1h 30 place de la Bastille', '30 place de la Bastille'],
    // An ordinal after a direction is a street's name, its street word left out.
    ['CHECKIN 1h 15 E 4th', '15 E 4th'],
    ['CHECKIN 1h 15 W 42nd', '15 W 42nd'],
  ])('%j opens an address: an hour, not an hour and a quarter or half (the alarm came late)', (input, details) => {
    expect(parse(input)).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 60, details } });
  });

  it.each([
    ['CHECKIN 1h 30 at the court', 'at the court'],
    ['CHECKIN 1h 30 his place', 'his place'],
    ['CHECKIN 1h 30 red car', 'red car'],
    ['CHECKIN 1h 30 at the Main St motel', 'at the Main St motel'],
    ['CHECKIN 1h 30 on my way', 'on my way'],
  ])('%j keeps its half hour', (input, details) => {
    expect(parse(input)).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details } });
  });

  it('refuses a duration it cannot read whole rather than set a wrong timer', () => {
    // "2h75" is no time a member means: reading it as 2 hours would raise the alarm at the wrong time.
    expect(parse('CHECKIN 2h75 grey van')).toMatchObject({ ok: false, error: 'missing_minutes' });
    // Details that start with a number are not a duration: "room12" is no 12 minutes.
    expect(parse('CHECKIN room12 blue car')).toMatchObject({ ok: false, error: 'missing_minutes' });
    expect(parse('CHECKIN x2h30 blue car')).toMatchObject({ ok: false, error: 'missing_minutes' });
  });

  it('keeps a detail that begins with a unit letter as a detail once the unit was written', () => {
    // "45m" already says minutes: the "H" of "H Street" is where she is, not "hours".
    expect(parse('CHECKIN 45m H Street motel')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 45, details: 'H Street motel' } });
  });

  it('keeps the details as written, without the spaces or line breaks after them', () => {
    expect(parse('CHECKIN 90 grey van, 415-555-0100 \n')).toMatchObject({ ok: true, command: { kind: 'checkin', minutes: 90, details: 'grey van, 415-555-0100' } });
  });

  it('takes the number of BUDDY OFF without trailing spaces or line breaks', () => {
    expect(parse('BUDDY OFF 415-555-0177 \n')).toMatchObject({ ok: true, command: { kind: 'buddy', action: 'off', number: '415-555-0177' } });
  });

  it('wants the number before the name: a name first is no buddy', () => {
    // Reading the number further on would make "please" her buddy's name.
    expect(parse('BUDDY Rose 415-555-0177 please')).toMatchObject({ ok: false, error: 'bad_number' });
  });

  it('reads the channel however many spaces follow it', () => {
    expect(parse('BUDDY SMS  +14155550177 Jo')).toMatchObject({ ok: true, command: { kind: 'buddy', action: 'add', channel: 'sms', number: '+14155550177', name: 'Jo' } });
    expect(parse('BUDDY signal\n+14155550177 Jo')).toMatchObject({ ok: true, command: { kind: 'buddy', action: 'add', channel: 'signal', number: '+14155550177', name: 'Jo' } });
    expect(parse('BUDDY SMS   (415) 555-0177 Jo')).toMatchObject({ ok: true, command: { kind: 'buddy', channel: 'sms', number: '(415) 555-0177', name: 'Jo' } });
  });

  it('takes no spaces after the channel as part of the number: a short number is refused however it is spaced', () => {
    expect(parse('BUDDY 123456 Jo')).toMatchObject({ ok: false, error: 'bad_number' });
    expect(parse('BUDDY SMS   123456 Jo')).toMatchObject({ ok: false, error: 'bad_number' });
  });

  it('writes a name on several words or lines with single spaces', () => {
    expect(parse('BUDDY 415-555-0177 Rose   Marie')).toMatchObject({ ok: true, command: { kind: 'buddy', name: 'Rose Marie' } });
    expect(parse('BUDDY 415-555-0177 Rose\nMarie ')).toMatchObject({ ok: true, command: { kind: 'buddy', name: 'Rose Marie' } });
  });
});

describe('parse: the minutes joined to the hours by "and" in each language, and durations that may be clock times', () => {
  const read = (input: string) => {
    const p = parse(input);
    if (!p.ok) return p.error;
    if (p.command.kind === 'checkin') return [p.command.minutes, p.command.details];
    return p.command.kind === 'later' ? [p.command.minutes] : p.command.kind;
  };

  // Read as the whole hours alone, the alarm came half an hour early, and her details began "y 30 minutos".
  it.each([
    ['CHECKIN 1 hr and 30 min grey van', [90, 'grey van']],
    ['CHECKIN 2 hrs and 15 mins', [135, '']],
    ['CHECKIN 1 hour and 30 minutes red car', [90, 'red car']],
    ['CHECKIN 1h and 20', [80, '']],
    ['CHECKIN 1 hour and half', [90, '']],
    ['CHECKIN 1 hour and a quarter', [75, '']],
    ['SEGURA 1 hora y 30 minutos Honda gris', [90, 'Honda gris']],
    ['SEGURA 1 hora y 30 Honda gris', [90, 'Honda gris']],
    ['SEGURA 2 horas y 15', [135, '']],
    ['SEGURA 1 hora y cuarto', [75, '']],
    ['SEGURA 1 hora e 30', [90, '']],
    ['SEGURA 1 hora e 30 minutos carro prata', [90, 'carro prata']],
    ['SEGURA 2 horas e 15 min', [135, '']],
    ['SECURITE 1 heure et 30 minutes', [90, '']],
    ['SECURITE 1h et 30 Clio grise', [90, 'Clio grise']],
    ['SECURITE 1h et demi', [90, '']],
    ['SECURITE 1 heure et quart', [75, '']],
    ['LATER 1 hr and 30 min', [90]],
    ['LUEGO 1 hora y 30', [90]],
    ['PROLONGER 1h et 15', [75]],
    ['DEPOIS 1 hora e 30', [90]],
  ])('reads %j whole', (input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  it.each([
    // After "and", a number that counts something else, opens an address, or is one digit with more after it stays hers.
    ['CHECKIN 1h and 30 dollars short', [60, 'and 30 dollars short']],
    ['CHECKIN 2h and 15 Main St', [120, 'and 15 Main St']],
    ['CHECKIN 2 hrs and 2 guys', [120, 'and 2 guys']],
    ['SEGURA 1 hora y 40 pesos', [60, 'y 40 pesos']],
    // A second number after minutes is her details: only a clock hour (0-23) then minutes or a time word is refused.
    ['CHECKIN 30 15 Main St', [30, '15 Main St']],
    ['CHECKIN 45 30 yo guy', [45, '30 yo guy']],
    ['CHECKIN 60 15 min away', [60, '15 min away']],
    ['CHECKIN 90 grey van tonight', [90, 'grey van tonight']],
    ['CHECKIN 60 at 11 pm', [60, 'at 11 pm']],
    // One decimal of hours, or decimals no minutes can be, are hours.
    ['CHECKIN 1.5h', [90, '']],
    ['CHECKIN 1.75h', [105, '']],
    // After "and" too, only a quarter is minutes when more follows: "40 something" is her details (read as
    // minutes, the alarm came 40 minutes late).
    ['CHECKIN 1h and 40 something white guy', [60, 'and 40 something white guy']],
    ['SEGURA 2 horas y 40 tipo moreno', [120, 'y 40 tipo moreno']],
    ['CHECKIN 1 hour and 10 guys', [60, 'and 10 guys']],
    ['SEGURA 1 hora y 20 de Noviembre 45', [60, 'y 20 de Noviembre 45']],
    ['CHECKIN 1h e 50 conto', [60, 'e 50 conto']],
    // "tarde" is "late" unless right after the hour.
    ['LUEGO 20 llego tarde', [20]],
    ['DESPUES 30, llego tarde', [30]],
    ['DEPOIS 20 mais tarde', [20]],
    ['CHECKIN 45 llego tarde', [45, 'llego tarde']],
  ])('keeps %j as it was read', (input, expected) => {
    expect(read(input)).toEqual(expected);
  });

  // Read as 10-12 minutes, or 1.3 hours (78 minutes), the alarm came early: she is asked again.
  it.each([
    'CHECKIN 11 pm',
    'CHECKIN 11 30',
    'CHECKIN 11 30pm',
    'CHECKIN 12 noon',
    'CHECKIN 11 tonight',
    "CHECKIN 11 o'clock",
    'CHECKIN 10 and a half',
    'CHECKIN 10.30',
    'SEGURA 11 y 30',
    'SEGURA 11 y media',
    'SEGURA 11 de la noche',
    'SECURITE 11 et demie',
    'SECURITE 9 du soir',
    'SEGURA 5 de la tarde',
    'SEGURA 9 de la mañana',
    'SEGURA 9 da manhã',
    'SECURITE 9 du matin',
    'LUEGO 5 de la tarde',
    'CHECKIN 1.30h',
    'CHECKIN 2.30 hrs',
    'SEGURA 1,30 horas',
    'SECURITE 1.30 h',
    'LATER 1.30h',
  ])('refuses %j (missing_minutes)', (input) => {
    expect(read(input)).toBe('missing_minutes');
  });
});
