/**
 * The last line of defence for logs: removes anything shaped like a phone
 * number (10 to 15 digits, in any common formatting) or a UUID (a Signal id)
 * from the string values of a serialized log line. JSON numbers (a byte
 * count, a duration) and dates are left as they are: identifiers are always
 * logged, if ever, as strings.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A calendar date (and time), kept whole; otherwise a run of digits possibly
// split by the separators people put in numbers (dots, slashes, brackets,
// spaces, and hyphens or the dashes a phone's keyboard may put instead).
const DATE_OR_DIGIT_RUN = /((?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d-]))|\+?\d(?:[\d\s()./\u2010-\u2015\u2212-]|\\n|\\t){8,}\d/g;
// A JSON string literal in a serialized line.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** The placeholder written where an identifier stood. */
export const REDACTED = '[redacted]';

function scrubString(literal: string): string {
  return literal.replace(UUID, REDACTED).replace(DATE_OR_DIGIT_RUN, (run: string, date?: string) => {
    if (date) return run;
    const digits = run.replace(/\\[nt]/g, '').replace(/\D/g, '').length;
    return digits >= 10 ? REDACTED : run;
  });
}

/** Returns the serialized line with every phone-number-like run and UUID inside its strings replaced. */
export function scrub(line: string): string {
  return line.replace(JSON_STRING, scrubString);
}
