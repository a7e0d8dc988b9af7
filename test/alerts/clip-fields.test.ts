/**
 * How a guided report's answers are clipped to fit its alert (clip-fields.ts): "..." after whole words, never a
 * bare "..."; a vehicle keeping the plates the cut lost, and only those, each once; the contact list cut by whole
 * identifiers, and CHECK finding only those the alert still shows.
 */
import { clipped, clipTo, clipVehicle } from '../../src/alerts/clip-fields';
import { alertFieldsOf } from '../../src/alerts/report-template';

describe('clipTo', () => {
  it('keeps an answer that fits exactly', () => {
    expect(clipTo('Tuesday', 7)).toBe('Tuesday');
  });

  it('cuts a longer one, with no space before the "..."', () => {
    expect(clipTo('Tue night', 7)).toBe('Tue...');
  });

  it('gives nothing rather than a bare "..."', () => {
    expect(clipTo('Tuesday night', 3)).toBeUndefined();
  });
});

describe('clipVehicle on a UK line', () => {
  it('adds no plate the cut kept (a national plate, in groups, too)', () => {
    expect(clipVehicle('silver Ford Focus AB12 CDE, dent in the back door', 30, 'GB')).toBe('silver Ford Focus AB12 CDE,...');
  });

  it('adds each plate the cut lost, parted by commas', () => {
    expect(clipVehicle('grey Civic with a long scrape down the side, AB12 CDE and XY34 FGH', 30, 'GB')).toBe(
      'grey Civic with a long scra..., AB12CDE, XY34FGH',
    );
  });

  it('adds nothing when the cut lost no plate', () => {
    expect(clipVehicle('grey Civic with a long scrape down the side, no plate seen', 30, 'GB')).toBe('grey Civic with a long scra...');
  });

  it('adds no number or other identifier the cut lost: the vehicle keeps its plates only', () => {
    expect(clipVehicle('grey Civic with a long scrape down the side, he said call 07400 123456', 30, 'GB')).toBe(
      'grey Civic with a long scra...',
    );
  });

  it('with no room for words, is the plates alone', () => {
    expect(clipVehicle('grey Civic, AB12 CDE', 3, 'GB')).toBe('AB12CDE');
  });
});

describe('clipped', () => {
  const f = alertFieldsOf(
    {
      categories: ['violence'],
      when: 'Tuesday night around eleven, after the bar closed on Main Street',
      contact: '07400 123456, @rick_the_driver, rick@example.com',
    },
    null,
    'GB',
  );

  it('keeps the whole contact list, and every identifier of it, when it fits', () => {
    const c = clipped(f, 100, Infinity, 'GB');
    expect(c.contact).toBe('+447400123456, @rick_the_driver, rick@example.com');
    expect(c.contactIds?.map((i) => i.value)).toEqual(['+447400123456', 'rick_the_driver', 'rick@example.com']);
  });

  it('cuts the contact list by whole identifiers, the leading ones that fit, and CHECK finds only those', () => {
    // '+447400123456, @rick_the_driver' is 31 characters.
    const two = clipped(f, 100, 31, 'GB');
    expect(two.contact).toBe('+447400123456, @rick_the_driver');
    expect(two.contactIds?.map((i) => i.value)).toEqual(['+447400123456', 'rick_the_driver']);
    const one = clipped(f, 100, 30, 'GB');
    expect(one.contact).toBe('+447400123456');
    expect(one.contactIds?.map((i) => i.value)).toEqual(['+447400123456']);
  });

  it('shows no contact, and CHECK finds none of it, when not even the first identifier fits', () => {
    const none = clipped(f, 100, 5, 'GB');
    expect(none.contact).toBeUndefined();
    expect(none.contactIds).toEqual([]);
  });

  it('cuts when to 40 characters at most, whatever room the other answers have', () => {
    expect(clipped(f, 100, Infinity, 'GB').when).toBe('Tuesday night around eleven, after th...');
  });
});
