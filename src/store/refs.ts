/** Short public references (#K7Q2) for reports, join requests, moderators' own alerts and missed check-ins told to them: random, unique across all. */
import { randomInt } from 'node:crypto';
import type { Db } from './db';

// No 0/O or 1/I: references are read off phone screens and typed back.
export const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A word that could be a reference the line gave out (what the parser tells apart from a moderator's comment). */
export const ISSUED_REF = new RegExp(`^#?[${ALPHABET}]{4,6}$`);

/**
 * A word (in capitals) that may be a reference: one the line could give out, a possessive's "'s" aside
 * ("M3P9's"). Not any word with a digit: "since 10pm", "x1000" and a plate are a moderator's comment.
 */
export function mayBeRef(word: string): boolean {
  return ISSUED_REF.test(word.replace(/['\u2019]S$/, ''));
}

function randomRef(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A reference not used by any report, join request (open, or decided lately), alert or check-in (without the '#'). Lengthens after collisions. */
export function newRef(db: Db): string {
  for (let attempt = 0; ; attempt++) {
    const ref = randomRef(attempt < 8 ? 4 : attempt < 16 ? 5 : 6);
    const taken = db
      .stmt(
        `SELECT 1 FROM reports WHERE ref = @ref UNION ALL SELECT 1 FROM member_requests WHERE ref = @ref
         UNION ALL SELECT 1 FROM alerts WHERE ref = @ref UNION ALL SELECT 1 FROM checkin_refs WHERE ref = @ref
         UNION ALL SELECT 1 FROM decided_requests WHERE ref = @ref`,
      )
      .get({ ref });
    if (!taken) return ref;
  }
}
