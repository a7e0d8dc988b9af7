/**
 * STATS on a line of 40 areas: the first reply gives the people in all and
 * the largest areas, and says which command shows the rest ("+N more:
 * STATS 2"); following each reply's own "STATS n" lists every area once,
 * each page within two SMS segments. A page past the last shows the last; a
 * page written with a minus sign is no page. Real SQLite file and crypto,
 * through the bot.
 */
import { smsSegments } from '../../src/bot/sms-segments';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const AREAS = [
  '201', '202', '203', '205', '206', '207', '208', '209', '210', '212', '213', '214', '215', '216', '217', '218', '219', '224', '225', '228',
  '229', '231', '234', '239', '240', '248', '251', '252', '253', '254', '256', '260', '262', '267', '269', '270', '272', '276', '281', '301',
];

/** 40 members: the j-th joins the first j + 1 areas, so area k has 40 - k members and the largest come in AREAS' order. */
async function line(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }], maxAreas: 40 });
  AREAS.forEach((_, j) => {
    const reply = w.sms(`+1415555${String(2000 + j)}`, `JOIN ${AREAS.slice(0, j + 1).join(' ')}`).reply ?? '';
    if (!reply.includes('alerts for 201')) throw new Error(`member ${j} not joined: ${reply}`);
  });
  return w;
}

const mod = (w: BotWorld, text: string): string => w.sms(MOD, text).reply ?? '';

/** Every page STATS gives, following each reply's own "STATS n" until one names no next page. */
function allPages(w: BotWorld): string[] {
  const pages = [mod(w, 'STATS')];
  for (let next = /STATS (\d+)/.exec(pages[0] ?? ''); next && pages.length < 20; next = /STATS (\d+)/.exec(pages[pages.length - 1] ?? '')) {
    pages.push(mod(w, `STATS ${next[1]}`));
  }
  return pages;
}

const counts = (page: string): string[] => page.match(/\b\d{3}:\d+/g) ?? [];

describe('STATS, page by page', () => {
  it('gives the people in all, and its pages list every area once, largest first, each in two SMS segments', async () => {
    const w = await line();
    const pages = allPages(w);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatch(/^Members: 40 in all; 201:40 202:39 .* \+\d+ more: STATS 2\. Pending reports: 0\. Pending members: 0\. Alerts issued: 0\.$/);
    expect(pages[1]).toMatch(/^Members, page 2: /);
    expect(pages.flatMap(counts)).toEqual(AREAS.map((npa, k) => `${npa}:${40 - k}`));
    expect(pages.map((p) => smsSegments(p) <= 2)).toEqual(pages.map(() => true));
    // Each page's count of areas left is what the later pages list.
    const said = pages.map((p) => Number(/\+(\d+) more/.exec(p)?.[1] ?? 0));
    expect(said).toEqual(pages.map((_, i) => pages.slice(i + 1).flatMap(counts).length));
  });

  it('shows the last page for a page past it, however far, and the first for a page with a minus sign', async () => {
    const w = await line();
    const pages = allPages(w);
    expect(pages.length).toBeGreaterThan(1);
    const last = pages[pages.length - 1];
    expect(mod(w, `STATS ${pages.length + 5}`)).toBe(last);
    expect(mod(w, 'STATS 1000')).toBe(last);
    expect(mod(w, 'STATS -2')).toBe(pages[0]);
    expect(mod(w, 'STATS 1')).toBe(pages[0]);
  });

  it('pages in Spanish too, each page in two SMS segments', async () => {
    const w = await line();
    mod(w, 'LANG ES');
    const pages = allPages(w);
    expect(pages[0]).toMatch(/^Miembros: 40 en total; 201:40 .* \+\d+ mas: STATS 2\./);
    expect(pages.flatMap(counts)).toEqual(AREAS.map((npa, k) => `${npa}:${40 - k}`));
    expect(pages.map((p) => smsSegments(p) <= 2)).toEqual(pages.map(() => true));
  });
});
