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
    ['OK', { kind: 'ok' }, undefined],
    ['ok!', { kind: 'ok' }, undefined],
    ['LISTA', { kind: 'ok' }, 'es'],
    ['LATER 30', { kind: 'later', minutes: 30 }, 'en'],
    ['LUEGO 1h', { kind: 'later', minutes: 60 }, 'es'],
  ];

  it.each(table)('reads %j', (input, expected, lang) => {
    const p = parse(input);
    expect(p).toEqual({ ok: true, command: expected, lang, keyword: expect.any(String), exactKeyword: expect.any(Boolean) });
  });

  it.each([
    ['BUDDY Rose', 'bad_number'],
    ['BUDDY 415-555-0177', 'missing_name'],
    ['CHECKIN', 'missing_minutes'],
    ['CHECKIN soon', 'missing_minutes'],
    ['CHECKIN 90x blue', 'missing_minutes'],
    ['LATER', 'missing_minutes'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parse(input)).toMatchObject({ ok: false, error });
  });

  it('keeps at most 30 characters of a name', () => {
    const p = parse(`BUDDY 415-555-0177 ${'R'.repeat(40)}`);
    expect(p).toMatchObject({ ok: true, command: { kind: 'buddy', name: 'R'.repeat(30) } });
  });
});
