/**
 * A CHECK of a whole sentence ("CHECK 415-555-0177 and plate ABC123") looked
 * up its first identifier only: a plate in an alert, named second, was told
 * the member as "no alerts name that". Every identifier of the sentence is
 * looked up, each with its readings, at most five.
 */
import { checkQueries, checkQueryGroups } from '../../src/alerts/identifiers';

describe('the identifiers a CHECK looks up', () => {
  it('are every identifier of a sentence, in the order written, each with its readings', () => {
    expect(checkQueryGroups('415-555-0177 and plate ABC123')).toEqual([[{ kind: 'phone', value: '+14155550177' }], [{ kind: 'plate', value: 'ABC123' }]]);
    expect(checkQueryGroups('he is @rick_sf, plate IS ABC123')).toEqual([
      [{ kind: 'handle', value: 'rick_sf' }],
      [
        { kind: 'plate', value: 'ISABC123' },
        { kind: 'plate', value: 'ABC123' },
      ],
    ]);
  });

  // check() looks up the first five and says the others were not checked: they must reach it.
  it('are every identifier of the sentence, more than five too', () => {
    const numbers = ['415-555-0171', '415-555-0172', '415-555-0173', '415-555-0174', '415-555-0175', '415-555-0176'];
    const groups = checkQueryGroups(`he used ${numbers.join(' then ')}`);
    expect(groups.map((g) => g.map((id) => id.value))).toEqual(numbers.map((n) => [`+1${n.replace(/-/g, '')}`]));
  });

  it.each(['ABC-123', 'rick_sf', 'wa.me/14155550177', 'plate IS ABC123', 'he texted from 415 555 0123'])(
    'are, for one identifier (%j), what CHECK looked up before',
    (query) => {
      expect(checkQueryGroups(query)).toEqual([checkQueries(query)]);
    },
  );

  it('are none where the text names none', () => {
    expect(checkQueryGroups('is he safe?')).toEqual([]);
  });
});

describe('the identifiers of a CHECK sentence with a state then a plate', () => {
  it('keep the plate apart from a number before it', () => {
    expect(checkQueryGroups('415-555-0177 then CA 7ABC123')).toEqual([[{ kind: 'phone', value: '+14155550177' }], [{ kind: 'plate', value: '7ABC123', region: 'CA' }]]);
    expect(checkQueryGroups('415-555-0177 then AB 123-CD')).toEqual([
      [{ kind: 'phone', value: '+14155550177' }],
      [
        { kind: 'plate', value: '123CD', region: 'AB' },
        { kind: 'plate', value: 'AB123CD' },
      ],
    ]);
  });
});

describe('the identifiers of a short CHECK sentence holding one phone number', () => {
  // libphonenumber pulls a number out of a short text: the whole was taken for that number alone.
  it.each([
    ['@ricky_sf 415-555-0177', { kind: 'handle', value: 'ricky_sf' }],
    ['ricky@example.com 415-555-0177', { kind: 'email', value: 'ricky@example.com' }],
    ['415-555-0177 @ricky_sf', { kind: 'handle', value: 'ricky_sf' }],
  ])('%j looks up the number and the other identifier', (query, other) => {
    const ids = checkQueryGroups(query).flat();
    expect(ids).toContainEqual({ kind: 'phone', value: '+14155550177' });
    expect(ids).toContainEqual(other);
  });

  it.each(['415-555-0177', '(415) 555-0177', '+1 415 555 0177', '415-555-O177', '415-555-0177 ext. 12', '415 555 0177 x12'])(
    '%j, a number alone, is looked up as that number only',
    (query) => {
      const groups = checkQueryGroups(query);
      expect(groups).toHaveLength(1);
      expect(groups[0]?.map((id) => id.kind)).toEqual(['phone']);
    },
  );
});
