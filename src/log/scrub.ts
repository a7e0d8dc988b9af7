/**
 * The last line of defence for logs: removes anything shaped like a phone
 * number (10 to 15 digits, in any common formatting) or a UUID (a Signal id)
 * from a serialized log line. Over-redacting a long float is an acceptable
 * price for never writing a number.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A run of digits possibly split by the separators people put in numbers.
const DIGIT_RUN = /\+?\d(?:[\d\s().-]|\\n|\\t){8,}\d/g;

/** The placeholder written where an identifier stood. */
export const REDACTED = '[redacted]';

/** Returns the line with every phone-number-like run and UUID replaced. */
export function scrub(line: string): string {
  return line.replace(UUID, REDACTED).replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/\\[nt]/g, '').replace(/\D/g, '').length;
    return digits >= 10 ? REDACTED : run;
  });
}
