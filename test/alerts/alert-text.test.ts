/**
 * The alert text bound: what members read is cleaned of invisible characters
 * (so the moderator, the screening index and the members see the same text),
 * and an alert may cost a member at most three SMS segments in whichever
 * language they read it.
 */
import { alertSegments, cleanAlertText, MAX_ALERT_SEGMENTS, renderAlert, withoutSymbols } from '../../src/alerts/alert-text';
import { LANGS } from '../../src/bot/catalog';
import { smsSegments } from '../../src/bot/sms-segments';

const NPAS = ['415'];
const costIn = (lang: (typeof LANGS)[number], text: string) => smsSegments(renderAlert(lang, NPAS, text));

describe('cleanAlertText', () => {
  it('turns full-width digits and letters into plain ones, so CHECK finds the number', () => {
    expect(cleanAlertText('call ４１５-５５５-０１７７ ｏｒ @ｒｉｃｋ')).toBe('call 415-555-0177 or @rick');
  });

  it('strips invisible format characters: zero-width spaces and joiners, bidi overrides, the BOM, soft hyphens', () => {
    expect(cleanAlertText('415\u200B555\u200D0177')).toBe('4155550177');
    expect(cleanAlertText('\uFEFFgrey \u202Enav\u202C van\u00AD')).toBe('grey nav van');
    expect(cleanAlertText('plate 7\u2066ABC\u2069123\u200E')).toBe('plate 7ABC123');
  });

  it('strips control characters (a bell, an escape, NUL, DEL, C1 controls): SMS and Signal would carry them to every member', () => {
    expect(cleanAlertText('grey\u0007 van\u001B[31m, 415\u0000555\u007F0177\u0085')).toBe('grey van[31m, 4155550177');
  });

  it('collapses every run of whitespace to one space and trims the ends', () => {
    expect(cleanAlertText('  grey  van,\n\n\ttook   my phone \r\n')).toBe('grey van, took my phone');
    // A format character between two spaces leaves one space, not two.
    expect(cleanAlertText('grey \u200B van')).toBe('grey van');
  });

  it('strips invisible marks and selectors that are not format characters (a grapheme joiner, text variation selectors), and reads blank fillers as spaces', () => {
    expect(cleanAlertText('628\u034F555\u034F0177 and 628\uFE0E555\uFE0E0177')).toBe('6285550177 and 6285550177');
    // A Hangul filler, a half-width one, a blank braille cell: what social media use as invisible spaces.
    expect(cleanAlertText('628\u3164555\uFFA00177 grey\u2800van')).toBe('628 555 0177 grey van');
    // An emoji keeps its own presentation selector, and a keycap its own; after a bare digit it shows nothing and goes.
    expect(cleanAlertText('\u2764\uFE0F 4\uFE0F\u20E3')).toBe('\u2764\uFE0F 4\uFE0F\u20E3');
    expect(cleanAlertText('6\uFE0F2\uFE0F8\uFE0F')).toBe('628');
  });

  it('is idempotent', () => {
    const once = cleanAlertText(' ４１５\u200B  grey\tvan \u202E ');
    expect(cleanAlertText(once)).toBe(once);
    // An accent parted from its letter by a zero-width space: composed at the first cleaning, not only at the second.
    const accent = cleanAlertText('cafe\u200B\u0301');
    expect(cleanAlertText(accent)).toBe(accent);
    // Selectors piled after a digit go at once, whatever stood between them.
    const piled = cleanAlertText('6\uFE0F\uFE0F\uFE0F2\u034F\uFE0F8\u200B\uFE0F');
    expect([piled, cleanAlertText(piled)]).toEqual(['628', '628']);
  });
});

/** What moderator commands check before an alert goes out. */
const alertFits = (npas: string[], text: string): boolean => alertSegments(npas, text) <= MAX_ALERT_SEGMENTS;

describe('alertSegments against MAX_ALERT_SEGMENTS', () => {
  it('counts the alert in the language where it costs most, frame included', () => {
    // French has the longest frame: find a text that fits three segments in English but not in French.
    let text = '';
    for (let n = 300; n < 500 && !text; n++) {
      const t = 'x'.repeat(n);
      if (costIn('en', t) === 3 && costIn('fr', t) === 4) text = t;
    }
    expect(text).not.toBe('');
    expect(alertSegments(NPAS, text)).toBe(4);
    expect(alertFits(NPAS, text)).toBe(false);
    expect(alertSegments(NPAS, 'grey van')).toBe(1);
  });

  it('lets through an alert of exactly three segments in every language, and refuses one character more', () => {
    expect(MAX_ALERT_SEGMENTS).toBe(3);
    let longest = 0;
    for (let n = 1; n < 600; n++) if (alertFits(NPAS, 'x'.repeat(n))) longest = n;
    const fits = 'x'.repeat(longest);
    const over = 'x'.repeat(longest + 1);
    expect(alertSegments(NPAS, fits)).toBe(3);
    expect(alertFits(NPAS, fits)).toBe(true);
    expect(Math.max(...LANGS.map((lang) => costIn(lang, fits)))).toBe(3);
    expect(alertSegments(NPAS, over)).toBe(4);
    expect(alertFits(NPAS, over)).toBe(false);
    expect(LANGS.some((lang) => costIn(lang, over) === 4)).toBe(true);
    // A short alert fits.
    expect(alertFits(NPAS, 'grey van, took my phone')).toBe(true);
  });

  it('counts a non-GSM character as UCS-2: far fewer characters fit', () => {
    expect(alertFits(NPAS, `${'x'.repeat(150)} 🚗`)).toBe(true);
    expect(alertFits(NPAS, `${'x'.repeat(200)} 🚗`)).toBe(false);
    expect(alertFits(NPAS, 'x'.repeat(200))).toBe(true);
  });
});

describe('withoutSymbols', () => {
  it('drops emoji and symbols but keeps letters of any language, and reads keycap digits as their digits', () => {
    expect(withoutSymbols('tall 😡 beard, Martínez, Яков')).toBe('tall beard, Martínez, Яков');
    // A number in keycaps reads as the number, not as ten digits apart.
    expect(withoutSymbols('texts from 4\uFE0F\u20E31\uFE0F\u20E35\u20E3 5\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3 now')).toBe('texts from 415 555 now');
    expect(withoutSymbols('#\uFE0F\u20E3 1')).toBe('# 1');
    // The keycap ten is 10, an hour or a count.
    expect(withoutSymbols('around \u{1F51F}pm \u{1F621}')).toBe('around 10pm');
    // Next to a digit or keycap digit it is a space, as numbers are read: "0🔟5" showing 0105 would be a number no
    // mask or reading saw, and a keypad row "…9️⃣🔟" would show a longer one.
    expect(withoutSymbols('mine is 415 555 0\u{1F51F}5 ok')).toBe('mine is 415 555 0 5 ok');
    expect(withoutSymbols('pin 8\uFE0F\u20E39\uFE0F\u20E3\u{1F51F} lol')).toBe('pin 89 lol');
    expect(withoutSymbols('\u{1F51F}5\uFE0F\u20E3 stars')).toBe('5 stars');
  });
});
