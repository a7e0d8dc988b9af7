/**
 * BUDDY's name and CHECKIN's details as they are spelt (found by a hostile review): the name was cut at 30 code
 * points, so a flag there reached the buddy halved; and every zero-width joiner and non-joiner was stripped,
 * breaking an emoji family (👩‍👩‍👧 as three people) and Persian or Indic spelling. The joiners between letters,
 * marks or emoji stay; direction overrides, a BOM and the joiners around digits still go.
 */
import { visible, visibleWithJoiners } from '../../src/util/visible-text';
import { cleanAlertText } from '../../src/alerts/alert-text';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { timers } from '../helpers/checkin-escalation';

const ROSE = '+14155550100';
const BUDDY = '+14155550123';
const MIN = 60_000;
const FAMILY = '👩\u200D👩\u200D👧';
const PERSIAN = 'مهر\u200Cناز';
const FLAG = '🇫🇷';

async function line(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
  w.sms(ROSE, 'JOIN');
  return w;
}

describe("BUDDY's name and CHECKIN's details as spelt", () => {
  it('a flag across the 30th code point is left out whole, not halved', async () => {
    const w = await line();
    w.sms(ROSE, `BUDDY 415-555-0123 ${'R'.repeat(29)}${FLAG}`);
    const [invitation] = w.direct(BUDDY);
    expect(invitation).toContain('R'.repeat(29));
    expect(invitation).not.toMatch(/\u{1F1EB}/u);
  });

  it('a flag ending at the 30th code point is kept whole', async () => {
    const w = await line();
    w.sms(ROSE, `BUDDY 415-555-0123 ${'R'.repeat(28)}${FLAG}`);
    expect(w.direct(BUDDY)[0]).toContain(`${'R'.repeat(28)}${FLAG}`);
  });

  it('an emoji family and a Persian name keep their joiners, in the invitation and the escalation, with the details', async () => {
    const w = await line();
    w.sms(ROSE, `BUDDY 415-555-0123 \u202E${PERSIAN} ${FAMILY}\u202C\uFEFF`);
    const [invitation] = w.direct(BUDDY);
    expect(invitation).toContain(`${PERSIAN} ${FAMILY}`);
    expect(invitation).not.toMatch(/[\u202A-\u202E\uFEFF]/u);
    w.sms(BUDDY, 'ACCEPT');
    w.sms(ROSE, `CHECKIN 30 with ${FAMILY} at \u2066${PERSIAN}\u2069 hotel`);
    w.clock.now += 30 * MIN;
    expect(timers(w).escalated).toBe(1);
    const escalation = w.direct(BUDDY).at(-1) ?? '';
    expect(escalation).toContain(`${PERSIAN} ${FAMILY}`);
    expect(escalation).toContain(`with ${FAMILY} at ${PERSIAN} hotel`);
  });

  it('a number with joiners between its digits is still the number', async () => {
    const w = await line();
    w.sms(ROSE, 'BUDDY 415\u200D555\u200C0123 Rose');
    expect(w.direct(BUDDY)[0]).toContain('Rose');
  });

  it('a name spelling a link with joiners between its letters is refused as a link is', async () => {
    const w = await line();
    const refused = w.sms(ROSE, 'BUDDY 415-555-0123 evil.com').reply;
    expect(w.sms(ROSE, 'BUDDY 415-555-0123 e\u200Dv\u200Di\u200Dl.c\u200Do\u200Dm').reply).toBe(refused);
    expect(w.direct(BUDDY)).toEqual([]);
  });
});

describe('visible and visibleWithJoiners', () => {
  it('keeps joiners between letters, marks or emoji only with visibleWithJoiners', () => {
    expect(visibleWithJoiners(`${FAMILY} ${PERSIAN} क्\u200Dष`)).toBe(`${FAMILY} ${PERSIAN} क्\u200Dष`);
    expect(visibleWithJoiners('👩🏽\u200D💻 ❤️\u200D🔥')).toBe('👩🏽\u200D💻 ❤️\u200D🔥');
  });

  it('drops joiners beside digits, spaces or punctuation, and every other invisible character', () => {
    expect(visibleWithJoiners('415\u200D555\u200C0177 \u200Dx.\u200Dy \u202Eab\u202C\uFEFF\u200B\u2066c\u2069')).toBe('4155550177 x.y abc');
  });

  it("a report's text still loses every joiner: a handle split by one would hide from CHECK", () => {
    expect(visible(`sara\u200Dxo ${PERSIAN}`)).toBe('saraxo مهرناز');
    expect(cleanAlertText('call @sara\u200Dxo')).toBe('call @saraxo');
  });
});
