/**
 * What the start checks of the data against a configuration that may have
 * changed since the last start (README, "Changing the configuration"):
 * - area codes members hold that the line's areas no longer know: moved to
 *   the area that now has the old code as its only name, else named in one
 *   warning with counts (codes are public; never who holds them);
 * - AREAS_FILE's codes and names that are also command words (a warning each);
 * - DEFAULT_COUNTRY against AREAS_FILE's prefixes (a warning), and the CHECK
 *   index read again when the country it was built under changed;
 * - SUBSCRIBE_MODE open: join requests left waiting from approval admitted.
 * Runs after the migrations, before anything is served; logs counts only.
 */
import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { reindexForCountry } from '../alerts/alert-reindex';
import type { Regions } from '../alerts/regions';
import { countryMismatch } from '../config/country-check';
import type { Config } from '../config/env';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { heldAreaCodes, moveAreaCode, type HeldCode } from '../store/held-areas';
import { readLineSetting, writeLineSetting } from '../store/line-settings';
import type { Vault } from '../store/vault';
import { admitWaitingRequests } from './open-admission';

const DAY_MS = 86_400_000;

export interface StartCheck {
  db: Db;
  vault: Vault;
  regions: Regions;
  config: Pick<Config, 'areasFile' | 'defaultCountry' | 'subscribeMode' | 'maxAreas' | 'retentionDays'>;
  log: Logger;
  now: number;
}

export function runStartChecks(c: StartCheck): void {
  checkHeldAreas(c);
  const mismatch = countryMismatch(c.regions.ownPrefixes(), c.regions.northAmerica, c.config.defaultCountry);
  if (mismatch) c.log.warn(mismatch);
  for (const warning of c.regions.warnings) c.log.warn(warning);
  screeningCountry(c);
  if (c.config.subscribeMode === 'open') {
    const { admitted, blocked } = admitWaitingRequests(c.db, c.vault, c.config.maxAreas, c.now);
    if (admitted || blocked) c.log.info({ admitted, blocked }, 'SUBSCRIBE_MODE is open: join requests left waiting under approval admitted (blocked ones left to a moderator)');
  }
}

/** Codes the areas no longer know: each moved when the areas now give it as a name of one area, else warned of. */
function checkHeldAreas({ db, regions, config, log }: StartCheck): void {
  const unknown: Array<[string, HeldCode]> = [];
  db.transaction(() => {
    for (const [code, held] of heldAreaCodes(db)) {
      if (regions.writtenAsCode(code)) continue;
      const named = regions.resolve([code]);
      const to = named.ok && named.npas.length === 1 ? named.npas[0] : undefined;
      if (to !== undefined && regions.writtenAsCode(to)) {
        const moved = moveAreaCode(db, code, to);
        log.info({ area: code, movedTo: to, ...moved }, 'AREAS_FILE gives an area code members hold as a name of another area: they were moved to it');
      } else {
        unknown.push([code, held]);
      }
    }
  });
  if (!unknown.length) return;
  const listed = unknown
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([code, h]) => `${code} (${[count(h.members, 'member'), count(h.requests, 'waiting request')].filter(Boolean).join(', ')})`)
    .join(', ');
  const areas = config.areasFile ? 'AREAS_FILE as it is now' : 'AREAS_FILE unset: North American area codes';
  log.warn(
    `Area codes members hold are no area of this line (${areas}): ${listed}. No alert reaches them there. Put each code back in AREAS_FILE, ` +
      'or add it as a name of the area that replaces it (its members are moved to that area at the next start).',
  );
}

function count(n: number, what: string): string {
  return n === 0 ? '' : `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The CHECK index read again when DEFAULT_COUNTRY differs from the country it was built under; the first start records it. */
function screeningCountry({ db, vault, config, log, now }: StartCheck): void {
  const to = config.defaultCountry;
  const from = readLineSetting(db, 'screening_country');
  if (from === to) return;
  db.transaction(() => {
    if (from !== undefined && isSupportedCountry(from)) {
      const started = Date.now();
      const { read, changed } = reindexForCountry(db, vault, from as CountryCode, to, now - config.retentionDays * DAY_MS);
      log.info({ was: from, now: to, read, reindexed: changed, ms: Date.now() - started }, 'DEFAULT_COUNTRY changed: alerts within retention indexed again for CHECK');
    }
    writeLineSetting(db, 'screening_country', to);
  });
}
