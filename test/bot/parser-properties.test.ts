import fc from 'fast-check';
import type { CommandKind, ParseErrorCode } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';
import { commandOf } from '../helpers/parsed';

// Every kind and error the parser may answer, as records so that the compiler says when one is added: a stale list
// failed only on the runs whose random text happened to be a newer keyword ("ok").
const KIND_RECORD: Record<CommandKind, true> = {
  join: true, leave: true, stop: true, help: true, areas: true, report: true, check: true, delete: true, lang: true,
  pending: true, approve: true, reject: true, edit: true, alert: true, block: true, stats: true, retract: true, show: true,
  buddy: true, accept: true, decline: true, checkin: true, ok: true, later: true, discreet: true, read: true,
};
const ERROR_RECORD: Record<ParseErrorCode, true> = {
  empty: true, unknown: true, missing_area: true, missing_text: true, missing_number: true, missing_ref: true, bad_ref: true,
  one_ref: true, bad_lang: true, bad_number: true, missing_name: true, missing_minutes: true,
};
const KINDS: ReadonlySet<string> = new Set(Object.keys(KIND_RECORD));
const ERRORS: ReadonlySet<string> = new Set(Object.keys(ERROR_RECORD));

describe('parse', () => {
  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', minLength: 3990, maxLength: 4100 }),
      fc
        .tuple(fc.constantFrom('JOIN', 'REPORT', 'APPROVE', 'LANG', 'CHECK', 'ALERT', 'EDIT', 'stop', 'ESPAÑOL'), fc.string({ unit: 'binary', maxLength: 80 }))
        .map(([k, rest]) => `${k} ${rest}`),
    );

    it('never throws, and always answers a known command or a known error', () => {
      fc.assert(
        fc.property(anyText, (input) => {
          const p = parse(input);
          if (p.ok) {
            expect(KINDS.has(p.command.kind)).toBe(true);
            expect(typeof p.keyword).toBe('string');
          } else {
            expect(ERRORS.has(p.error)).toBe(true);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('keeps free text as a substring of what the member wrote', () => {
      fc.assert(
        fc.property(fc.constantFrom('REPORT', 'REPORTE', 'EDIT K7Q2', 'ALERT 415'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (k, rest) => {
          const input = `${k} ${rest}`;
          const p = parse(input);
          if (p.ok && 'text' in p.command) expect(input).toContain(p.command.text);
        }),
        { numRuns: 300 },
      );
    });

    const keywords = [
      'JOIN', 'SUBSCRIBE', 'START', 'UNSTOP', 'UNIRSE', 'ALTA', 'STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT',
      'REVOKE', 'OPTOUT', 'ALTO', 'PARAR', 'HELP', 'INFO', 'AYUDA', 'AREAS', 'STATUS', 'ZONAS', 'DELETE', 'BORRAR',
      'ENGLISH', 'ESPAÑOL', 'ESPANOL', 'PENDING', 'STATS',
    ];
    const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0'), maxLength: 4 });
    const punct = fc.string({ unit: fc.constantFrom('.', '!', '?', ',', '"', "'", '¡', '¿', ')'), maxLength: 3 });

    it('is insensitive to the case of a keyword and the spaces and punctuation around it', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...keywords).chain((k) => fc.tuple(fc.constant(k), fc.mixedCase(fc.constant(k)))),
          space,
          punct,
          punct,
          space,
          ([keyword, cased], before, open, close, after) => {
            const expected = parse(keyword);
            const p = parse(`${before}${open}${cased}${close}${after}`);
            expect(expected.ok).toBe(true);
            expect(p).toEqual(expected);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('reads the same areas whatever the case and spacing of JOIN', () => {
      fc.assert(
        fc.property(fc.mixedCase(fc.constant('join')), fc.uniqueArray(fc.constantFrom('212', '415', '628', '305', '718'), { minLength: 1, maxLength: 5 }), space, (kw, areas, pad) => {
          expect(commandOf(`${pad}${kw} ${areas.join(', ')}${pad}`)).toEqual({ kind: 'join', areas });
        }),
        { numRuns: 200 },
      );
    });
  });
});
