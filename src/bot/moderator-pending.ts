/** PENDING: what waits for a moderator, a page of it at a time ("PENDING 2"), so none is out of her reach. */
import type { Db } from '../store/db';
import { countRequests, listRequests } from '../store/member-requests';
import { countPendingReports, listPendingReports } from '../store/reports';
import type { Catalog } from './catalog';
import { smsSegments, longestFit } from './sms-segments';

/** Most items on a page; fewer when their areas take the room. */
const PAGE_SIZE = 10;
/** Most pages PENDING reads ("PENDING 999"): the look-up stays bounded whatever she types. */
export const MAX_PAGE = 999;

type Item = { ref: string; areas: string[]; kind: 'report' | 'member' };

/**
 * Page `page` of everything pending, reports first (they can warn of danger), then join requests, each
 * oldest first. Pages are cut where two SMS segments are full, the same way every time, so page 2 starts
 * where page 1 ended; a page past the last shows the last. The reply names the next page's command.
 */
export function pendingPage(db: Db, t: Catalog, page: number): string {
  const wanted = Math.min(Math.max(page, 1), MAX_PAGE) * PAGE_SIZE;
  const items: Item[] = [
    ...listPendingReports(db, wanted).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'report' as const })),
    ...listRequests(db, wanted).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'member' as const })),
  ];
  const total = countPendingReports(db) + countRequests(db);
  let start = 0;
  for (let p = 1; ; p++) {
    // What waits after this page, listed or not (past `wanted` items are counted only).
    const reply = (n: number) => t.modPending(items.slice(start, start + n), total - start - n, p + 1);
    const left = Math.min(PAGE_SIZE, items.length - start);
    // At least one item a page, so paging always moves on (one item, ten areas at most, fits).
    const n = Math.max(1, longestFit(left, (k) => smsSegments(reply(k)) <= 2));
    if (p >= page || start + n >= items.length) return reply(Math.min(n, left));
    start += n;
  }
}
