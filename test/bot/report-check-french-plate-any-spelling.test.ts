/**
 * A French plate AB-123-CD, its first group a state code: reported as
 * "plaque AB 123 CD" it was indexed as Alberta's 123CD only, so VERIFIER
 * AB-123-CD told a member nothing was known of that car (and the other way
 * round). Found now in any of its spellings.
 */
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a French plate whose first group is a state code', () => {
  it.each([
    ['REPORT 415 Renault grise, plaque AB 123 CD, violent', ['AB-123-CD', 'AB123CD', 'ab 123 cd', 'AB 123 CD']],
    ['REPORT 415 Renault grise, plaque AB-123-CD, violent', ['AB 123 CD', 'AB123CD']],
  ])('finds the approved %j by CHECK in any spelling', async (report, queries) => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    for (const query of queries) expect([query, say(w, MEMBER, `CHECK ${query}`)]).toEqual([query, expect.stringMatching(/^Heads Up: that plate is in 1 alert/)]);
  });
});
