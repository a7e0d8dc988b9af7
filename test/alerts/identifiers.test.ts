import fc from 'fast-check';
import {
  checkQueries,
  classifyQuery,
  IDENTIFIER_KINDS,
  identifiersIn,
  normalizeEmail,
  normalizeHandle,
  normalizeLink,
  normalizePhone,
  numberReadable,
} from '../../src/alerts/identifiers';
import { maskNumber } from '../../src/alerts/mask-number';

/** Each digit of `text` as an emoji keycap digit. */
const keycaps = (text: string): string => Array.from(text, (c) => (/\d/.test(c) ? `${c}\uFE0F\u20E3` : c)).join('');

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

  it('are idempotent: a normalised value normalises to itself', () => {
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
    // The first words would make a plate THE4; a CHECK's plate takes all its words.
    expect(classifyQuery('the 4 runner guy')).toBeNull();
  });
});

const VEHICLE = { vehicle: true } as const;

describe('identifiers: how each kind is written', () => {
  it('lists every kind a report can name', () => {
    const found = identifiersIn('415 555 0123, rose@gmail.com, @rosie, eros.com/ad, plate 7ABC123');
    expect(new Set(found.map((i) => i.kind))).toEqual(new Set(['phone', 'email', 'handle', 'link', 'plate']));
    expect([...IDENTIFIER_KINDS].sort()).toEqual(['email', 'handle', 'link', 'phone', 'plate']);
  });

  it('reads addresses, handles and links typed in full-width characters (Asian keyboards) as the usual ones', () => {
    expect(normalizeEmail('ＲＯＳＥ＠ｇｍａｉｌ．ｃｏｍ')).toBe('rose@gmail.com');
    expect(normalizeHandle('＠ｒｏｓｅ')).toBe('rose');
    expect(normalizeLink('tryst.link/ｒｏｓｅ')).toBe('tryst.link/rose');
    expect(identifiersIn('write to ｒｏｓｅ＠ｇｍａｉｌ．ｃｏｍ')).toEqual([{ kind: 'email', value: 'rose@gmail.com' }]);
    expect(classifyQuery('＠ｒｏｓｅ')).toEqual({ kind: 'handle', value: 'rose' });
  });
});

describe('identifiers: e-mail addresses', () => {
  it('drops a leading "mailto:" however it is written', () => {
    expect(normalizeEmail('mailto:Rose@Gmail.com')).toBe('rose@gmail.com');
    expect(classifyQuery('MAILTO:rose@gmail.com')).toEqual({ kind: 'email', value: 'rose@gmail.com' });
    expect(identifiersIn('write mailto:rose@gmail.com')).toEqual([{ kind: 'email', value: 'rose@gmail.com' }]);
  });

  it('CHECK reads an address that starts like a link as the address', () => {
    expect(classifyQuery('www.rose@gmail.com')).toEqual({ kind: 'email', value: 'www.rose@gmail.com' });
    expect(classifyQuery('mailto:rose@gmail.com please')).toEqual({ kind: 'email', value: 'rose@gmail.com' });
  });

  it('drops the sentence punctuation after an address a member checks', () => {
    expect(classifyQuery('rose@gmail.com.')).toEqual({ kind: 'email', value: 'rose@gmail.com' });
    expect(classifyQuery('rose@gmail.com?!')).toEqual({ kind: 'email', value: 'rose@gmail.com' });
    expect(normalizeEmail('rose@gmail.com)).')).toBe('rose@gmail.com');
  });

  it('is no address when the text is more than one address', () => {
    // Two addresses run together, or words with a space, are not one address.
    expect(normalizeEmail('rose@gmail.com@yahoo.com')).toBeNull();
    expect(normalizeEmail('rose smith@gmail.com')).toBeNull();
    // "mailto:" is a scheme only at the start; inside, the text is no address.
    expect(normalizeEmail('xmailto:rose@gmail.com')).toBeNull();
  });

  it('finds each address of a sentence, digits in the domain included', () => {
    expect(identifiersIn('rose@gmail.com and ann@yahoo.com')).toEqual([
      { kind: 'email', value: 'rose@gmail.com' },
      { kind: 'email', value: 'ann@yahoo.com' },
    ]);
    expect(identifiersIn('mike@mail2world.com')).toEqual([{ kind: 'email', value: 'mike@mail2world.com' }]);
  });

  it('reads the digits inside an address as part of it, not as a phone number', () => {
    expect(identifiersIn('his email is rose.4155550123@gmail.com')).toEqual([{ kind: 'email', value: 'rose.4155550123@gmail.com' }]);
  });
});

describe('identifiers: handles', () => {
  it('reads a doubled "@" or a trailing full stop as the same handle', () => {
    expect(classifyQuery('@@rose')).toEqual({ kind: 'handle', value: 'rose' });
    expect(classifyQuery('@rose...')).toEqual({ kind: 'handle', value: 'rose' });
    expect(normalizeHandle('@rose.')).toBe('rose');
  });

  it('is no handle when the text is an address or two words', () => {
    expect(normalizeHandle('rose@gmail')).toBeNull();
    expect(normalizeHandle('rose smith')).toBeNull();
  });

  it('finds a handle that starts with a digit', () => {
    expect(identifiersIn('insta @2rose')).toEqual([{ kind: 'handle', value: '2rose' }]);
  });

  it('reads a CHECK with spaces around it', () => {
    expect(classifyQuery('  @rose ')).toEqual({ kind: 'handle', value: 'rose' });
  });
});

describe('identifiers: links', () => {
  it('reads only web links', () => {
    expect(normalizeLink('ftp://files.eros.com/x')).toBeNull();
  });

  it('is no link when the host is no domain name', () => {
    for (const url of ['http://localhost/x', 'http://192.168.1.1/admin', 'http://rose_escorts.com/ad', 'http://eros.com2/ad']) expect(normalizeLink(url)).toBeNull();
  });

  it('drops only a leading "www." of the host', () => {
    expect(normalizeLink('https://newww.com/rose')).toBe('newww.com/rose');
  });

  it('reads hosts of several labels (country domains, sub-domains)', () => {
    expect(normalizeLink('https://www.listcrawler.com.mx/rose')).toBe('listcrawler.com.mx/rose');
    expect(classifyQuery('listcrawler.com.mx/rose')).toEqual({ kind: 'link', value: 'listcrawler.com.mx/rose' });
    expect(identifiersIn('ad on rose.tryst.link/escort/rose')).toEqual([{ kind: 'link', value: 'rose.tryst.link/escort/rose' }]);
  });

  it('is one value whatever the case of its path', () => {
    expect(normalizeLink('eros.com/Ad/Rose')).toBe(normalizeLink('eros.com/ad/rose'));
    expect(normalizeLink('eros.com/Ad/Rose')).toBe('eros.com/ad/rose');
  });

  it('drops tracking parameters but keeps those that say which ad it is', () => {
    expect(normalizeLink('eros.com/ad?id=12&utm_source=x&ref=share&gclid=y&fbclid=z')).toBe('eros.com/ad?id=12');
    // Parameters that only begin or end like a tracking one are the ad's own.
    expect(normalizeLink('eros.com/ad?fbclidx=1&gclidx=2&reference=3&pref=4')).toBe('eros.com/ad?fbclidx=1&gclidx=2&reference=3&pref=4');
  });

  it('reads a link without a scheme even when its query holds another link', () => {
    expect(normalizeLink('tryst.link/rose?next=https://eros.com')).toMatch(/^tryst\.link\/rose\?next=/);
  });

  it('finds links written with http:// or www. whatever their domain', () => {
    expect(identifiersIn('his ad: http://listcrawler.eu/rose')).toEqual([{ kind: 'link', value: 'listcrawler.eu/rose' }]);
    expect(identifiersIn('see www.listcrawler.eu')).toEqual([{ kind: 'link', value: 'listcrawler.eu' }]);
  });

  it('leaves the punctuation after a link in a sentence out of it', () => {
    expect(identifiersIn('(see eros.com/ad).')).toEqual([{ kind: 'link', value: 'eros.com/ad' }]);
    expect(identifiersIn('his ad is eros.com/ad!')).toEqual([{ kind: 'link', value: 'eros.com/ad' }]);
  });

  it('CHECK reads a link without a scheme whatever its domain ends with', () => {
    // In a sentence only known endings make a link; a CHECK of the link alone takes any.
    expect(identifiersIn('see m.escort.de/rose')).toEqual([]);
    expect(classifyQuery(' m.escort.de/rose ')).toEqual({ kind: 'link', value: 'm.escort.de/rose' });
  });

  it('CHECK reads a link without a scheme', () => {
    expect(classifyQuery('tryst.link/rose')).toEqual({ kind: 'link', value: 'tryst.link/rose' });
    expect(classifyQuery('tiktok.com/@rose')).toEqual({ kind: 'link', value: 'tiktok.com/@rose' });
    expect(classifyQuery('https://www.tiktok.com/@rose')).toEqual({ kind: 'link', value: 'tiktok.com/@rose' });
  });

  it('CHECK does not glue the words after a link into it', () => {
    expect(classifyQuery('eros.com/ad and more')).toEqual({ kind: 'link', value: 'eros.com/ad' });
    expect(classifyQuery('https://eros.com/rose please')).toEqual({ kind: 'link', value: 'eros.com/rose' });
  });
});

describe('identifiers: WhatsApp links', () => {
  const WA = '+14155550177';

  it.each([
    ['his whatsapp wa.me/14155550177', 'wa.me/14155550177'],
    ['ad says https://api.whatsapp.com/send?phone=14155550177&text=hi', 'api.whatsapp.com/send?phone=14155550177&text=hi'],
    ['ad says api.whatsapp.com/send/?phone=%2B14155550177', 'api.whatsapp.com/send?phone=%2b14155550177'],
    ['wa.me/+14155550177.', 'wa.me/+14155550177'],
    ['https://www.whatsapp.com/send?phone=+14155550177', 'whatsapp.com/send?phone=+14155550177'],
  ])('%j names the link and the number it opens a chat with', (text, link) => {
    // As written, where its case differs (an alert shows that): the index compares the lower case.
    const written = text.includes('%2B') ? { shown: link.replace('%2b', '%2B') } : {};
    expect(identifiersIn(text)).toEqual([
      { kind: 'link', value: link, ...written },
      { kind: 'phone', value: WA },
    ]);
  });

  it('names no number for a WhatsApp link without one, nor for another site', () => {
    expect(identifiersIn('wa.me/message/ABCD1234')).toEqual([{ kind: 'link', value: 'wa.me/message/abcd1234', shown: 'wa.me/message/ABCD1234' }]);
    expect(identifiersIn('wa.me/123')).toEqual([{ kind: 'link', value: 'wa.me/123' }]);
    expect(identifiersIn('wa.me/19995550177')).toEqual([{ kind: 'link', value: 'wa.me/19995550177' }]);
    expect(identifiersIn('eros.com/14155550177')).toEqual([{ kind: 'link', value: 'eros.com/14155550177' }]);
    expect(identifiersIn('api.whatsapp.com/catalog?phone=14155550177')).toEqual([{ kind: 'link', value: 'api.whatsapp.com/catalog?phone=14155550177' }]);
  });

  it('CHECK of the link looks up the link and its number', () => {
    expect(checkQueries('wa.me/14155550177')).toEqual([
      { kind: 'link', value: 'wa.me/14155550177' },
      { kind: 'phone', value: WA },
    ]);
    expect(checkQueries('https://api.whatsapp.com/send?phone=14155550177')).toEqual([
      { kind: 'link', value: 'api.whatsapp.com/send?phone=14155550177' },
      { kind: 'phone', value: WA },
    ]);
  });
});

describe('identifiers: phone numbers', () => {
  it('reads a number spaced out up to 40 characters, and no longer text', () => {
    const spaced = '+1 415 555 0123'.padEnd(40, ' ');
    expect(normalizePhone(spaced)).toBe('+14155550123');
    expect(normalizePhone(`${spaced} `)).toBeNull();
  });

  it('CHECK finds the identifier in a sentence, whatever its length', () => {
    expect(classifyQuery('he texted me from +1 415 555 0123 last night')).toEqual({ kind: 'phone', value: '+14155550123' });
    expect(classifyQuery('he called me from 020 7946 0958 late last night', 'GB')).toEqual({ kind: 'phone', value: '+442079460958' });
    expect(classifyQuery('see eros.com/ad')).toEqual({ kind: 'link', value: 'eros.com/ad' });
    expect(classifyQuery('is @rose_x safe?')).toEqual({ kind: 'handle', value: 'rose_x' });
    expect(classifyQuery('@rose_x please')).toEqual({ kind: 'handle', value: 'rose_x' });
    expect(classifyQuery('his plate was ABC-123 NY')).toEqual({ kind: 'plate', value: 'ABC123', region: 'NY' });
  });

  it('CHECK of a number and an address together is still answered', () => {
    expect(classifyQuery('rose@gmail.com 415 555 0123')).not.toBeNull();
    expect(classifyQuery('415 555 0123 rose@gmail.com')).not.toBeNull();
  });

  it('the end of a phone number written again after "tag" is that number, not a plate', () => {
    expect(identifiersIn('he texts from 415 555 0123 - tag: 555 0123')).toEqual([{ kind: 'phone', value: '+14155550123' }]);
  });

  it('reads a number written in emoji keycap digits, or with bullets or middle dots between its groups', () => {
    const phone = [{ kind: 'phone', value: '+14155550177' }];
    expect(identifiersIn('texts from 4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E30\uFE0F\u20E31\uFE0F\u20E37\uFE0F\u20E37\uFE0F\u20E3 😡')).toEqual(phone);
    expect(identifiersIn('texts from 415•555•0177 or 415 · 555 · 0177')).toEqual(phone);
    // A dot between a room number and his number joins nothing.
    expect(identifiersIn('room 12·415-555-0177')).toEqual(phone);
    expect(identifiersIn('415•555•O177')).toEqual(phone);
    expect(checkQueries('415·555·0177')).toEqual(phone);
  });

  it('reads a number after a number apart from it, a bullet, keycaps or the keycap ten between them', () => {
    const phone = [{ kind: 'phone', value: '+14155550177' }];
    expect(identifiersIn('2 • 415 555 0177')).toEqual(phone);
    expect(identifiersIn('came to room 12 • 415 555 0177 his cell')).toEqual(phone);
    expect(identifiersIn('rm 1\uFE0F\u20E32\uFE0F\u20E3 415 555 0177')).toEqual(phone);
    expect(identifiersIn('options 1\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E3 415 555 0177')).toEqual(phone);
    expect(identifiersIn('\u{1F51F} 415 555 0177')).toEqual(phone);
  });

  it('reads a number in keycap digits with bullets between its groups, or after a 00 in keycaps', () => {
    const phone = [{ kind: 'phone', value: '+14155550177' }];
    expect(identifiersIn(`his cell ${keycaps('415•555•0177')}`)).toEqual(phone);
    expect(identifiersIn(`his cell ${keycaps('415 • 555 • 0177')}`)).toEqual(phone);
    expect(identifiersIn(`his cell ${keycaps('001 415 555 0177')}`)).toEqual(phone);
  });

  it('reads a number in keycaps after another in keycaps, a bullet or middle dot between them', () => {
    const phone = [{ kind: 'phone', value: '+14155550177' }];
    expect(identifiersIn(`room ${keycaps('12 \u2022 415 555 0177')}`)).toEqual(phone);
    expect(identifiersIn(`room ${keycaps('12\u00B7415-555-0177')} his cell`)).toEqual(phone);
    expect(checkQueries(`room ${keycaps('12 \u2022 415 555 0177')}`)).toEqual(phone);
    // Nor a keypad row with a bullet before it.
    expect(identifiersIn(`\u2022 ${keycaps('123456789')}\u{1F51F}`)).toEqual([]);
  });

  it('reads no number in a keypad row of keycaps ending with the keycap ten', () => {
    expect(identifiersIn(`${keycaps('123456789')}\u{1F51F}`)).toEqual([]);
    expect(checkQueries(`${keycaps('123456789')}\u{1F51F}`)).toEqual([]);
  });

  it('only a phone number hides a plate: a plate that ends a handle is still a plate', () => {
    expect(identifiersIn('his IG is @mike4321, plate 4321')).toEqual([
      { kind: 'handle', value: 'mike4321' },
      { kind: 'plate', value: '4321' },
    ]);
  });
});

describe('identifiers: in the order they are written', () => {
  it('keeps the order of a report whatever the kinds', () => {
    expect(identifiersIn('eros.com/ad, rose@gmail.com, @rosie').map((i) => i.kind)).toEqual(['link', 'email', 'handle']);
    expect(identifiersIn('call 415 555 0123 or see eros.com/ad').map((i) => i.kind)).toEqual(['phone', 'link']);
    expect(identifiersIn('call 415 555 0123, TX GHK 4432', VEHICLE).map((i) => i.kind)).toEqual(['phone', 'plate']);
    expect(identifiersIn('call 415 555 0123, grey Civic KB123', VEHICLE).map((i) => i.kind)).toEqual(['phone', 'plate']);
  });
});

describe('identifiers: pasted values and bounds', () => {
  it('reads an address, a handle or a link pasted with spaces or a line break around it', () => {
    expect(normalizeEmail(' rose@gmail.com \n')).toBe('rose@gmail.com');
    expect(normalizeHandle(' @rose ')).toBe('rose');
    expect(normalizeLink(' eros.com/ad ')).toBe('eros.com/ad');
  });

  it('keeps at most 200 characters of a link', () => {
    const long = `eros.com/ad/${'a'.repeat(300)}`;
    expect(normalizeLink(long)).toBe(long.slice(0, 200));
  });

  it('reads the first 2,000 characters of a text, not what comes after', () => {
    const within = 'he was fine. '.repeat(150);
    const beyond = 'he was fine. '.repeat(160);
    expect(within.length).toBeLessThan(2000 - 12);
    expect(beyond.length).toBeGreaterThan(2000);
    expect(identifiersIn(`${within}415 555 0123`)).toEqual([{ kind: 'phone', value: '+14155550123' }]);
    expect(identifiersIn(`${beyond}415 555 0123`)).toEqual([]);
  });
});

describe('numberReadable: a text as numbers are read in it, each character for one', () => {
  it.each([
    ['415-555-O177', '415-555-0177'],
    ['4I5 555 OI77', '415 555 0177'],
    ['628-555-Ol88 (cell)', '628-555-0188 (cell)'],
    ['(4I5) 555 |177', '(415) 555 1177'],
    // Words that are not numbers keep their letters: no digit, fewer digits than letters, other letters.
    ['Olive OIL IO1 O1 4OOO9X B4O7 x4O7 4O7x', 'Olive OIL IO1 01 4OOO9X B4O7 x4O7 4O7x'],
    // The 00 international prefix where a number starts, never inside one or before a 0.
    ['call 0044 20 7946 0958', 'call  +44 20 7946 0958'],
    // Also written with a space after it, as it usually is.
    ['call 00 44 20 7946 0958', 'call   +44 20 7946 0958'],
    ['415 555 0012 and 1001 and 000', '415 555 0012 and 1001 and 000'],
    // Never in a time: "10:00 415…" kept the number after it.
    ['at 10:00 415-555-0177', 'at 10:00 415-555-0177'],
    ['à 10h00 415 555 0177', 'à 10h00 415 555 0177'],
    ['415 555  0012', '415 555  0012'],
    ['+1 415-555-0100 x2', '+1 415-555-0100 x2'],
    // Commas and semicolons read as slashes (not as an extension), whitespace kept as it is.
    ['415 555 0177, 628;\tdone', '415 555 0177/ 628/\tdone'],
    // Emoji keycap digits read as their digits, with or without the emoji selector; the keycap ten, never in a
    // number, as two spaces.
    ['4\uFE0F\u20E31\u20E35\uFE0F\u20E3 x', '4  1 5   x'],
    ['\u{1F51F} and #\uFE0F\u20E3', '   and #\uFE0F\u20E3'],
    // A bullet or middle dot between digits (three spaces either side at most: a keycap's marks read as two) as a space; elsewhere kept.
    ['415•555·0177 415 ∙ 555 ⋅ 0177', '415 555 0177 415   555   0177'],
    ['• 415 ·a b· 5  •  5 5    •    5', '• 415 ·a b· 5     5 5    •    5'],
    ['4\uFE0F\u20E3 • 5\uFE0F\u20E3', '4     5  '],
    // The 00 prefix in keycaps, their marks read as spaces.
    ['0\uFE0F\u20E30\uFE0F\u20E31\uFE0F\u20E3 4', '     +1   4'],
  ])('%j reads as %j', (text, read) => {
    expect(numberReadable(text)).toBe(read);
    expect(numberReadable(text)).toHaveLength(text.length);
  });
});

describe('checkQueries: what one CHECK looks up', () => {
  it.each([
    ['415-555-0177', [{ kind: 'phone', value: '+14155550177' }]],
    ['4155550177', [{ kind: 'phone', value: '+14155550177' }]],
    ['00 44 7911 123456', [{ kind: 'phone', value: '+447911123456' }]],
    [' rick_sf99 ', [{ kind: 'plate', value: 'RICKSF99' }, { kind: 'handle', value: 'rick_sf99' }]],
    ['rose@example.com', [{ kind: 'email', value: 'rose@example.com' }]],
    ['@rose_99', [{ kind: 'handle', value: 'rose_99' }]],
    // One word that may be a plate or a handle copied without its @: both.
    ['rick_sf99', [{ kind: 'plate', value: 'RICKSF99' }, { kind: 'handle', value: 'rick_sf99' }]],
    ['rosegarden.com', [{ kind: 'link', value: 'rosegarden.com' }, { kind: 'handle', value: 'rosegarden.com' }]],
    // A path or a space is no handle.
    ['example.com/path', [{ kind: 'link', value: 'example.com/path' }]],
    ['CA 7ABC123', [{ kind: 'plate', value: '7ABC123', region: 'CA' }]],
    // A word read as nothing else may still be a handle copied without its @.
    ['rick_sf', [{ kind: 'handle', value: 'rick_sf' }]],
    ['RoseGarden', [{ kind: 'handle', value: 'rosegarden' }]],
    // A number is looked up as a number, however it is written.
    ['415.555.0177', [{ kind: 'phone', value: '+14155550177' }]],
    // Words that are no identifier, and no handle either.
    ['he was rude', []],
    ['x', []],
  ])('%j looks up %j', (query, ids) => {
    expect(checkQueries(query)).toEqual(ids);
  });
});

describe('a number written after a time', () => {
  it.each(['met him at 10:00 415-555-0177 grey van', 'booked for 9:00 (415) 555-0177', 'vers 10h00 (415) 555-0177'])('is read: %s', (text) => {
    expect(identifiersIn(text, { country: 'US' }).filter((i) => i.kind === 'phone').map((i) => i.value)).toEqual(['+14155550177']);
  });

  it("is masked when it is the reporter's own", () => {
    expect(maskNumber('free after 10:00 415-555-0100 text me', '+14155550100', 'US')).toBe('free after 10:00 [-] text me');
  });

  it.each(['tel:0044 20 7946 0958', 'number:0044 20 7946 0958', '"0044 20 7946 0958"'])('does not keep a 00 number after a label or a quote from being read: %s', (text) => {
    expect(identifiersIn(text, { country: 'US' }).filter((i) => i.kind === 'phone').map((i) => i.value)).toEqual(['+442079460958']);
    expect(maskNumber(`mine ${text} text`, '+442079460958', 'US')).not.toContain('7946');
  });
});
