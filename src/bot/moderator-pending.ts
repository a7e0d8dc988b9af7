/** PENDING: what waits for a moderator, a page of it at a time ("PENDING 2"), so none is out of her reach. */
import type { Db } from '../store/db';
import { countRequests, listRequests } from '../store/member-requests';
import { countPendingReports, listPendingReports } from '../store/reports';
import type { Catalog } from './catalog';
import { cutPage, MAX_PAGE } from './pages';

/** Most items on a page; fewer when their areas take the room. */
const PAGE_SIZE = 10;

/**
 * Page `page` of everything pending, reports first (they can warn of danger), then join requests, each
 * oldest first, cut as cutPage cuts (a page past the last shows the last). The reply names the next page's command.
 */
export function pendingPage(db: Db, t: Catalog, page: number): string {
  const wanted = Math.min(Math.max(page, 1), MAX_PAGE) * PAGE_SIZE;
  const items = [
    ...listPendingReports(db, wanted).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'report' as const })),
    ...listRequests(db, wanted).map((r) => ({ ref: `#${r.ref}`, areas: r.npas, kind: 'member' as const })),
  ];
  // What waits after a page, listed or not (past `wanted` items are counted only).
  const total = countPendingReports(db) + countRequests(db);
  return cutPage(items, total, page, PAGE_SIZE, (shown, more, p) => t.modPending(shown, more, p + 1));
}
