/** Paged moderator replies (PENDING 2, STATS 2): which page she asked for, and where each page is cut. */
import { longestFit, smsSegments } from './sms-segments';

/** Most pages read ("PENDING 999"): the look-up stays bounded whatever she types. */
export const MAX_PAGE = 999;

/**
 * The page a word after PENDING or STATS asks for, or undefined for the first. `raw` is the word as written,
 * `word` as normalized (digits of any script as ASCII: "PENDING ٢" is page 2): "-3" is no page (not page 3, its sign stripped); a number past MAX_PAGE
 * ("PENDING 1000") is read as the furthest page, which shows the last, as any page past the last does.
 */
export function pageAsked(raw: string | undefined, word: string | undefined): number | undefined {
  if (!raw || !word || !/^\p{Nd}/u.test(raw) || !/^\d+$/.test(word)) return undefined;
  const page = Math.min(Number(word), MAX_PAGE);
  return page > 1 ? page : undefined;
}

/**
 * Page `page` of `items`: at most `size` a page, as many as fit two SMS segments, cut the same way every time so
 * page 2 starts where page 1 ended; a page past the last shows the last. `reply(shown, more, p)` is page p
 * showing `shown`, with `more` of `total` (counted, if not all listed) after them.
 */
export function cutPage<T>(items: T[], total: number, page: number, size: number, reply: (shown: T[], more: number, p: number) => string): string {
  let start = 0;
  for (let p = 1; ; p++) {
    const of = (n: number) => reply(items.slice(start, start + n), total - start - n, p);
    const left = Math.min(size, items.length - start);
    // At least one item a page, so paging always moves on (one item fits, whatever it is).
    const n = Math.max(1, longestFit(left, (k) => smsSegments(of(k)) <= 2));
    if (p >= page || start + n >= items.length) return of(Math.min(n, left));
    start += n;
  }
}
