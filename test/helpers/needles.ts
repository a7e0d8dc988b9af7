/**
 * Searching raw bytes (a database file, its WAL, a log) for things that must
 * not be there: phone numbers in every form people write them, and texts.
 */
import fs from 'node:fs';

/** The forms a North American number is written in: +14155550100, 14155550100, 4155550100, (415) 555-0100, … */
export function numberForms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  const forms = [`+${digits}`, digits, national];
  if (national.length === 10) {
    const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
    forms.push(`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`);
  }
  return [...new Set(forms)];
}

/** Which needles occur in the bytes, as UTF-8/latin1 or as UTF-16LE text. */
export function findNeedles(bytes: Buffer, needles: string[]): string[] {
  return needles.filter(
    (n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'latin1')) || bytes.includes(Buffer.from(n, 'utf16le')),
  );
}

/** Which needles occur in a file (none if it does not exist). */
export function findNeedlesInFile(file: string, needles: string[]): string[] {
  return fs.existsSync(file) ? findNeedles(fs.readFileSync(file), needles) : [];
}
