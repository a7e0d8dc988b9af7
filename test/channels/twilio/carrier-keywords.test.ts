/** Which messages Twilio's opt-out handling answers itself, and what it did with them. */
import { carrierAction } from '../../../src/channels/twilio/carrier-keywords';

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
  ])('reads %j alone as the carrier\'s %s', (text, action) => {
    expect(carrierAction(text)).toBe(action);
  });

  it.each(['STOP please', 'JOIN', 'help me', 'ALTO', 'AYUDA', '', 'S T O P'])('leaves %j to us', (text) => {
    expect(carrierAction(text)).toBeUndefined();
  });

  it('follows Advanced Opt-Out, whatever the word', () => {
    expect(carrierAction('ARRET', 'STOP')).toBe('stop');
    expect(carrierAction('COMENZAR', 'start')).toBe('start');
    expect(carrierAction('AIDE', 'HELP')).toBe('help');
    expect(carrierAction('JOIN 415', 'OTHER')).toBeUndefined();
  });
});
