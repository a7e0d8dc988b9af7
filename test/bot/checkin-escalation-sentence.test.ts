/** A buddy reads the details she shared as a sentence of their own, not run into the line's request. */
import { catalog, LANGS } from '../../src/bot/catalog';

describe("a check-in's escalation to a buddy", () => {
  it.each(LANGS)('ends her details with a full stop before asking to reach her (%s)', (lang) => {
    const text = catalog(lang).checkinEscalation('Rose', '04:30', 'client Mike, blue Honda, Motel 6 room 12');
    expect(text).toMatch(/Motel 6 room 12\. \S/);
  });

  it.each(LANGS)('adds none after details that already end a sentence (%s)', (lang) => {
    const t = catalog(lang);
    expect(t.checkinEscalation('Rose', '04:30', 'room 12!')).toMatch(/room 12! \S/);
    expect(t.checkinEscalation('Rose', '04:30', 'room 12...')).toMatch(/room 12\.\.\. \S/);
  });
});
