/**
 * SPEC: "a member's replies come in the language they last used (or chose
 * with LANG)". An answer to an open question is her words, not a keyword: a
 * Portuguese member's "alto, barba" (tall, beard) opens with Spanish ALTO
 * (STOP), a Suzuki "Alto, silver" too, and from then on the line answered her,
 * and sent her alerts, in Spanish. Only LANG itself, sent as an answer, changes it.
 */
import { catalog } from '../../../src/bot/catalog';
import { findMember } from '../../../src/store/members';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const ROSA = '+14155550101';
const STRANGER = '+14155550123';
const pt = catalog('pt');
const en = catalog('en');

const langOf = (w: BotWorld) => findMember(w.db, w.vault, { channel: 'sms', address: ROSA })?.lang;

describe('an answer that opens with another language’s keyword', () => {
  it('"alto, barba" answering a Portuguese guided report leaves her in Portuguese', async () => {
    const w = await botWorld();
    const say = (text: string) => w.sms(ROSA, text).reply;
    expect(say('ENTRAR 415')).toBe(pt.joined(['415']));
    expect(say('DENUNCIA')).toBe(pt.reportAsk('what'));
    expect(say('1')).toBe(pt.reportAsk('when'));
    expect(say('ontem 23h')).toBe(pt.reportAsk('where'));
    expect(say('PULAR')).toBe(pt.reportAsk('person'));
    expect({ next: say('alto, barba'), lang: langOf(w) }).toEqual({ next: pt.reportAsk('vehicle'), lang: 'pt' });
  });

  it('"Alto, silver" about the vehicle leaves an English member in English', async () => {
    const w = await botWorld();
    const say = (text: string) => w.sms(ROSA, text).reply;
    expect(say('JOIN 415')).toBe(en.joined(['415']));
    expect(say('REPORT')).toBe(en.reportAsk('what'));
    expect(say('3')).toBe(en.reportAsk('when'));
    expect(say('SKIP')).toBe(en.reportAsk('where'));
    expect(say('SKIP')).toBe(en.reportAsk('person'));
    expect(say('SKIP')).toBe(en.reportAsk('vehicle'));
    expect({ next: say('Alto, silver, plate 7ABC123'), lang: langOf(w) }).toEqual({ next: en.reportAsk('contact'), lang: 'en' });
  });

  it('"Alto, silver" answering a non-member’s guided report leaves the report in its language', async () => {
    const w = await botWorld();
    const say = (text: string) => w.sms(STRANGER, text).reply;
    expect(say('REPORT')).toBe(en.reportAsk('what'));
    expect(say('3')).toBe(en.reportAsk('when'));
    expect(say('SKIP')).toBe(en.reportAsk('where'));
    expect(say('SKIP')).toBe(en.reportAsk('person'));
    expect(say('SKIP')).toBe(en.reportAsk('vehicle'));
    expect(say('Alto, silver, plate 7ABC123')).toBe(en.reportAsk('contact'));
    expect(say('SKIP')).toBe(en.reportAsk('other'));
  });

  it('LANG sent as a non-member’s answer still sets the questions’ language', async () => {
    const w = await botWorld();
    const say = (text: string) => w.sms(STRANGER, text).reply;
    expect(say('REPORT')).toBe(en.reportAsk('what'));
    expect(say('1')).toBe(en.reportAsk('when'));
    expect(say('PORTUGUÊS')).toBe(pt.reportAsk('where'));
  });

  it('a keyword out of any question still sets her language', async () => {
    const w = await botWorld();
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(en.joined(['415']));
    expect(w.sms(ROSA, 'ZONAS').reply).toBe(catalog('es').areas(['415']));
    expect(langOf(w)).toBe('es');
  });

  it('LANG sent as an answer still sets it', async () => {
    const w = await botWorld();
    const say = (text: string) => w.sms(ROSA, text).reply;
    expect(say('JOIN 415')).toBe(en.joined(['415']));
    expect(say('REPORT')).toBe(en.reportAsk('what'));
    expect(say('1')).toBe(en.reportAsk('when'));
    expect(say('PORTUGUÊS')).toBe(pt.reportAsk('where'));
    expect(langOf(w)).toBe('pt');
  });
});
