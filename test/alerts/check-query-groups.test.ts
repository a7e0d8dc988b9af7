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

  it('are at most five', () => {
    const numbers = ['415-555-0171', '415-555-0172', '415-555-0173', '415-555-0174', '415-555-0175', '415-555-0176'];
    const groups = checkQueryGroups(`he used ${numbers.join(' then ')}`);
    expect(groups.map((g) => g.map((id) => id.value))).toEqual(numbers.slice(0, 5).map((n) => [`+1${n.replace(/-/g, '')}`]));
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
