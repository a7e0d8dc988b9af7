/**
 * PENDING reaches everything that waits: past the first page the reply says
 * how many more and which command shows them ("+21 more: PENDING 2"), and
 * following it page by page lists every report, the newest too (a report of
 * a gun filed 31st, past the notice cap, is not left until 21 older ones are
 * decided). Real SQLite file and crypto, through the bot.
 */
import { smsSegments } from '../../src/bot/sms-segments';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';

async function world(): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
}

const mod = (w: BotWorld, text: string): string => w.sms(MOD, text).reply ?? '';

function refIn(text: string | null | undefined): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** `count` reports from as many members of 415, oldest first; the last names a gun. */
function reports(w: BotWorld, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const text = i === count - 1 ? 'man with a gun, hit me, red BMW' : `client ${i} did not pay`;
    return refIn(w.sms(`+1415555${String(2000 + i)}`, `REPORT 415 ${text}`).reply);
  });
}

/** Every page PENDING gives, following each reply's own "PENDING n" until one names no next page. */
function allPages(w: BotWorld, first = 'PENDING'): string[] {
  const pages = [mod(w, first)];
  for (let next = /PENDING (\d+)/.exec(pages[0] ?? ''); next && pages.length < 20; next = /PENDING (\d+)/.exec(pages[pages.length - 1] ?? '')) {
    pages.push(mod(w, `PENDING ${next[1]}`));
  }
  return pages;
}

describe('PENDING, page by page', () => {
  it('tells the moderator how to see the rest, and its pages list every pending report once, the newest too', async () => {
    const w = await world();
    const refs = reports(w, 31);
    const pages = allPages(w);
    expect(pages[0]).toMatch(/^Pending: #/);
    expect(pages[0]).toMatch(/; \+\d+ more: PENDING 2$/);
    const listed = pages.flatMap((p) => (p.match(/#[A-Z0-9]{4,6}/g) ?? []).map((r) => r.slice(1)));
    expect(listed).toEqual(refs);
    expect(pages.map((p) => smsSegments(p) <= 2)).toEqual(pages.map(() => true));
    // Each page's count of what is left is what the later pages list.
    const counted = pages.map((p) => Number(/\+(\d+) more/.exec(p)?.[1] ?? 0));
    const later = pages.map((_, i) => pages.slice(i + 1).join(' ').match(/#[A-Z0-9]{4,6}/g)?.length ?? 0);
    expect(counted).toEqual(later);
  });

  it('shows the last page for a page past it, and the first for PENDING with no number', async () => {
    const w = await world();
    const refs = reports(w, 3);
    expect(mod(w, 'PENDING 7')).toBe(`Pending: ${refs.map((r) => `#${r} (415)`).join('; ')}`);
    expect(mod(w, 'PENDING')).toBe(mod(w, 'PENDING 1'));
  });

  it('shows the last page for a page past MAX_PAGE, as for any page past the last', async () => {
    const w = await world();
    reports(w, 31);
    const pages = allPages(w);
    expect(pages.length).toBeGreaterThan(3);
    expect(mod(w, 'PENDING 1000')).toBe(pages[pages.length - 1]);
    expect(mod(w, 'PENDING 99999999999999999999')).toBe(pages[pages.length - 1]);
  });

  it('reads a page with a minus sign as no page: the first', async () => {
    const w = await world();
    reports(w, 31);
    const pages = allPages(w);
    expect(pages.length).toBeGreaterThan(3);
    expect(mod(w, 'PENDING -3')).toBe(pages[0]);
    expect(mod(w, 'PENDING 3')).toBe(pages[2]);
  });

  it('names the next page in Spanish too', async () => {
    const w = await world();
    mod(w, 'LANG ES');
    const refs = reports(w, 31);
    const pages = allPages(w);
    expect(pages[0]).toMatch(/^Pendientes: #.*; \+\d+ mas: PENDING 2$/);
    expect(pages.flatMap((p) => (p.match(/#[A-Z0-9]{4,6}/g) ?? []).map((r) => r.slice(1)))).toEqual(refs);
  });
});
