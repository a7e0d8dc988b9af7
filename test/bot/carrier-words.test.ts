/**
 * Words the carrier knows: YES re-subscribes like START; the reply to a STOP
 * we answer names a word that lifts Twilio's block (START, not JOIN); HELP
 * is answered by Heads Up wherever no carrier answers it.
 */
import { startHarness, type Harness } from '../helpers/harness';

describe('with Twilio', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('re-subscribes a stopped member on YES, silently (Twilio answers YES itself)', async () => {
    const who = '+12065550140';
    await h.sms(who, 'JOIN');
    await h.sms(who, 'STOP');
    expect((await h.sms(who, 'AREAS')).message).toContain('no alert areas');
    expect((await h.sms(who, 'yes')).message).toBeNull();
    expect((await h.sms(who, 'AREAS')).message).toContain('206');
  });

  it('tells a member who stopped in their own words to text START to come back, never JOIN', async () => {
    const who = '+12065550141';
    await h.sms(who, 'JOIN');
    const r = await h.sms(who, 'stop sending me these');
    expect(r.message).toContain('START');
    expect(r.message).not.toContain('JOIN');
  });
});

describe('on the console channel (no carrier)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ twilio: false });
  });
  afterAll(() => h.close());

  it('answers a bare HELP, STOP and YES itself', async () => {
    expect((await h.sms('+12065550142', 'HELP')).message).toContain('JOIN 415');
    await h.sms('+12065550142', 'JOIN');
    expect((await h.sms('+12065550142', 'STOP')).message).toContain('START');
    expect((await h.sms('+12065550142', 'YES')).message).toContain('alerts for 206');
  });
});
