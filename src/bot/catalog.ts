/**
 * The reply catalogues by language: which one answers a member. What a
 * catalogue says is catalog-type.ts (to moderators,
 * catalog-moderator-type.ts; their types are named here too, for the many
 * callers); the wording they share is catalog-text.ts. Adding a language:
 * its catalogue here (catalog-xx.ts, catalog-xx-moderators.ts and
 * catalog-xx-words.ts, as English's), one keyword table (keywords.ts), and a
 * line in src/domain/lang.ts.
 */
import type { Lang } from './commands';
import { en, LABELS as enLabels } from './catalog-en';
import { es, LABELS as esLabels } from './catalog-es';
import { fr, LABELS as frLabels } from './catalog-fr';
import { pt, LABELS as ptLabels } from './catalog-pt';
import type { Catalog, FieldLabels } from './catalog-type';

export type { AreaCommand, Catalog, CheckResult, FieldLabels } from './catalog-type';
export type { ReportNotice, Stats } from './catalog-moderator-type';

const CATALOGS: Record<Lang, Catalog> = { en, es, fr, pt };

/** Every language a member may be answered (and alerted) in. */
export const LANGS = Object.keys(CATALOGS) as Lang[];

/** The catalogue of one language. */
export function catalog(lang: Lang): Catalog {
  return CATALOGS[lang];
}

const LABELS: Record<Lang, FieldLabels> = { en: enLabels, es: esLabels, fr: frLabels, pt: ptLabels };

/** What a guided report's alert calls each field in one language ("Vehicle: …"). */
export function fieldLabels(lang: Lang): FieldLabels {
  return LABELS[lang];
}
