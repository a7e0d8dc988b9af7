/**
 * The rules a variable's value follows in env.ts's schemas: blank is unset,
 * numbers within bounds, one of a few words, an http(s) URL, a pattern.
 * A broken rule's message says what is expected, never quoting the value.
 */
import { z } from 'zod';

/**
 * A DNS name: dot-separated labels of letters, digits and inner hyphens; the last not digits only
 * (256.1.1.1 is a mistyped address, not a name).
 */
export const HOST_NAME = /^(?=.{1,253}$)(?!(?:.*\.)?\d+$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Blank values count as unset; others are trimmed. */
const unsetIfBlank = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** An optional variable: `rule` applies only when it is set. Messages never quote the value. */
export const optional = <T extends z.ZodType>(rule: T) => z.preprocess(unsetIfBlank, rule.optional());

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number) => {
  const expected = `expected a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: expected });
};
/** A number, fractions allowed, from `min` to `max`. */
export const number = (min: number, max: number) => {
  const expected = `expected a number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, { error: expected })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: expected });
};
/** One of `allowed`, in any case. */
export const oneOf = <T extends string>(allowed: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(allowed, { error: `expected one of ${allowed.join(', ')}` }));
/** An absolute http(s) URL, without its trailing slashes. */
export const httpUrl = z
  .string()
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: 'expected an absolute http(s) URL' },
  )
  // Paths are appended to it (…/v2/send, …/webhooks/twilio/sms): after a query or a fragment they would be no path.
  .refine((v) => !/[?#]/.test(v), { error: 'expected an absolute http(s) URL with no query (?) or fragment (#)' })
  .transform((v) => v.replace(/\/+$/, ''));
/** A value matching `re`; `expected` says what it should look like. */
export const pattern = (re: RegExp, expected: string) => z.string().regex(re, { error: expected });
