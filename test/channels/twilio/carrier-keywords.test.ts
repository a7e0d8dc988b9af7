/** Which messages Twilio's opt-out handling answers itself, and what it did with them. */
import { actedText, carrierAction } from '../../../src/channels/twilio/carrier-keywords';

describe('carrierAction', () => {
  it.each([
    ['STOP', 'stop'],
    [' stop ', 'stop'],
    ['Cancel.', 'stop'],
    ['unsubscribe', 'stop'],
    ['START', 'start'],
    ['yes', 'start'],
    ['Unstop!', 'start'],
    ['HELP', 'help'],
    ['info', 'help'],
    ['¡¡STOP!!', 'stop'],
    ['\n  start...  ', 'start'],
  ])('reads %j alone as the carrier\'s %s', (text, action) => {
    expect(carrierAction(text)).toBe(action);
  });

  it.each(['STOP please', 'JOIN', 'help me', 'ALTO', 'AYUDA', '', 'S T O P', 'START 415', 'STOP 2', '415 START', 'yes 628', 'STOP ПОЖАЛУЙСТА', 'HELP 帮助', 'STOP 🙏', '👍 YES', 'ayuda HELP'])('leaves %j to us', (text) => {
    expect(carrierAction(text)).toBeUndefined();
  });

  it('follows Advanced Opt-Out, whatever the word', () => {
    expect(carrierAction('ARRET', 'STOP')).toBe('stop');
    expect(carrierAction('COMENZAR', 'start')).toBe('start');
    expect(carrierAction('AIDE', 'HELP')).toBe('help');
    expect(carrierAction('JOIN 415', 'OTHER')).toBeUndefined();
  });
});

describe('actedText', () => {
  it('keeps a message that is the keyword itself, so YES stays YES', () => {
    expect(actedText('Yes', 'start')).toBe('Yes');
    expect(actedText('unstop!', 'start')).toBe('unstop!');
    expect(actedText('Cancel.', 'stop')).toBe('Cancel.');
  });

  it('names what the carrier did for a word of its own (Advanced Opt-Out)', () => {
    expect(actedText('ARRET', 'stop')).toBe('STOP');
    expect(actedText('COMENZAR', 'start')).toBe('START');
    // A keyword of the other kind: what the carrier did wins.
    expect(actedText('YES', 'stop')).toBe('STOP');
    // A custom HELP keyword, which the bot might take as the answer to an open question.
    expect(actedText('MENU', 'help')).toBe('HELP');
    expect(actedText('AIDE', 'help')).toBe('HELP');
  });

  it('leaves a HELP keyword of its own and what the carrier did not answer as they are', () => {
    expect(actedText('info', 'help')).toBe('info');
    expect(actedText('HELP', 'help')).toBe('HELP');
    expect(actedText('JOIN 415', undefined)).toBe('JOIN 415');
    // No carrier (the console channel): a keyword is ours to read as it is.
    expect(actedText('yes', undefined)).toBe('yes');
  });
});
