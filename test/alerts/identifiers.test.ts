import fc from 'fast-check';
import {
  classifyQuery,
  identifiersIn,
  normalizeEmail,
  normalizeHandle,
  normalizeLink,
  normalizePhone,
  normalizePlate,
} from '../../src/alerts/identifiers';

/** A valid US number's parts: area code and exchange 2-9 first, as NANP requires; 555-01xx lines are fictional. */
const usNumber = fc.record({
  npa: fc.constantFrom('415', '628', '212', '646', '213', '312', '305', '702'),
  line: fc.integer({ min: 100, max: 199 }).map((n) => String(n).padStart(4, '0')),
});

/** Every way members write one US number. */
function formats(npa: string, line: string): string[] {
  return [
    `+1${npa}555${line}`,
    `1${npa}555${line}`,
    `${npa}555${line}`,
    `(${npa}) 555-${line}`,
    `${npa}-555-${line}`,
    `${npa}.555.${line}`,
    `+1 ${npa} 555 ${line}`,
    `1-${npa}-555-${line}`,
  ];
}

const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split(''));
const plateChars = fc
  .array(alnum, { minLength: 4, maxLength: 8 })
  .filter((cs) => cs.some((c) => /\d/.test(c)) && cs.some((c) => /[A-Z]/.test(c)))
  .map((cs) => cs.join(''));
const separator = fc.constantFrom('', ' ', '-', '  ', '.', ' - ');

/** A plate written with separators between random characters, in random case. */
function messyPlate(plate: string, seps: string[], lower: boolean[]): string {
  return Array.from(plate)
    .map((c, i) => `${lower[i] ? c.toLowerCase() : c}${i < plate.length - 1 ? (seps[i] ?? '') : ''}`)
    .join('');
}

describe('identifier normalisers (properties)', () => {
  it('read every usual format of a phone number as one E.164 value', () => {
    fc.assert(
      fc.property(usNumber, ({ npa, line }) => {
        const values = new Set(formats(npa, line).map((f) => normalizePhone(f)));
        expect([...values]).toEqual([`+1${npa}555${line}`]);
      }),
      { numRuns: 200 },
    );
  });

  it('find the same number in a sentence, whatever its format, and CHECK classifies each format as that number', () => {
    fc.assert(
      fc.property(usNumber, fc.integer({ min: 0, max: 7 }), ({ npa, line }, i) => {
        const written = formats(npa, line)[i] as string;
        const found = identifiersIn(`he texts from ${written} at night`).filter((x) => x.kind === 'phone');
        expect(found.map((x) => x.value)).toEqual([`+1${npa}555${line}`]);
        expect(classifyQuery(written)).toEqual({ kind: 'phone', value: `+1${npa}555${line}` });
      }),
      { numRuns: 200 },
    );
  });

  it('read national numbers of another country in that country, and keep international ones as written', () => {
    expect(normalizePhone('07911 123456', 'GB')).toBe('+447911123456');
    expect(normalizePhone('+44 7911 123456', 'US')).toBe('+447911123456');
    expect(normalizePhone('55 1234 5678', 'MX')).toBe('+525512345678');
  });

  it('make a plate one value whatever its case, spaces, dashes or dots', () => {
    fc.assert(
      fc.property(plateChars, fc.array(separator, { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 8 }), (plate, seps, lower) => {
        expect(normalizePlate(messyPlate(plate, seps, lower))).toBe(plate);
      }),
      { numRuns: 300 },
    );
  });

  it('are idempotent: a normalised value normalises to itself', () => {
    fc.assert(
      fc.property(plateChars, (plate) => expect(normalizePlate(normalizePlate(plate) as string)).toBe(plate)),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normalizeEmail(email);
        if (once !== null) expect(normalizeEmail(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const once = normalizeLink(url);
        if (once !== null) expect(normalizeLink(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('make an email one value whatever its case, and CHECK finds it as an email', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9._]{0,15}$/),
        fc.constantFrom('gmail.com', 'proton.me', 'yahoo.com.mx', 'hotmail.es'),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (local, domain, upper) => {
          const email = `${local}@${domain}`;
          const shouted = Array.from(email).map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          expect(normalizeEmail(shouted)).toBe(email);
          expect(classifyQuery(shouted)).toEqual({ kind: 'email', value: email });
          expect(identifiersIn(`write to ${shouted}.`)).toEqual([{ kind: 'email', value: email }]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('make a handle one value with or without "@", whatever its case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{2,14}$/), fc.boolean(), (name, upper) => {
        const written = upper ? name.toUpperCase() : name;
        expect(normalizeHandle(`@${written}`)).toBe(name);
        expect(normalizeHandle(written)).toBe(name);
        expect(classifyQuery(`@${written}`)).toEqual({ kind: 'handle', value: name });
        expect(identifiersIn(`on insta @${written}, ask for him`).filter((x) => x.kind === 'handle')).toEqual([{ kind: 'handle', value: name }]);
      }),
      { numRuns: 200 },
    );
  });

  it('make a link one value with or without scheme, "www.", tracking parameters or a trailing slash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tryst.link', 'eros.com', 'listcrawler.eu', 'skipthegames.com'),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        fc.constantFrom('https://', 'http://', 'https://www.', 'www.', 'HTTPS://WWW.'),
        fc.constantFrom('', '/', '?utm_source=x', '/?utm_medium=sms&fbclid=abc'),
        (host, path, prefix, suffix) => {
          const expected = `${host}/escort/${path}`;
          expect(normalizeLink(`${prefix}${host}/escort/${path}${suffix}`)).toBe(expected);
          expect(classifyQuery(`${prefix}${host}/escort/${path}${suffix}`)).toEqual({ kind: 'link', value: expected });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throw, and yield only well-formed values, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        for (const id of identifiersIn(text, { vehicle: true })) {
          if (id.kind === 'phone') expect(id.value).toMatch(/^\+\d{7,15}$/);
          if (id.kind === 'plate') expect(id.value).toMatch(/^[A-Z0-9]{2,8}$/);
          if (id.kind === 'email') expect(id.value).toBe(id.value.toLowerCase());
          if (id.kind === 'handle') expect(id.value).toMatch(/^[a-z0-9_][a-z0-9_.]*$/);
        }
        classifyQuery(text);
      }),
      { numRuns: 300 },
    );
  });

  it('say a query is none of the kinds rather than guess', () => {
    for (const q of ['hello', 'tall guy', '555', '', '@', 'mailto:']) expect(classifyQuery(q)).toBeNull();
  });
});
