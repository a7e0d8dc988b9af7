/**
 * Words the carrier knows: YES re-subscribes like START; the reply to a STOP
 * we answer names a word that lifts Twilio's block (START, not JOIN); HELP
 * is answered by Heads Up wherever no carrier answers it.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { findProjectDir } from '../../src/store/find-up';
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

  it("takes a bare Yes from someone asked to be a buddy as their ACCEPT, not a JOIN, and answers it as ACCEPT: Twilio's opt-in says nothing of it", async () => {
    const rose = '+14155550123';
    const buddy = '+14155550177';
    await h.sms(rose, 'JOIN');
    expect((await h.sms(rose, 'BUDDY 415-555-0177 Rose')).message).toContain('0177');
    expect((await h.sms(buddy, 'Yes')).message).toBe(catalog('en').buddyAccepted());
    expect((await h.sms(rose, 'BUDDY')).message).toContain('(accepted)');
    expect((await h.sms(buddy, 'AREAS')).message).toContain('not subscribed');
  });

  it('joins the areas a START names, and says so: Twilio answers only a bare START', async () => {
    const who = '+12065550150';
    const r = await h.sms(who, 'START 415 628');
    expect(r.message).toContain('415');
    expect(r.message).toContain('628');
    const areas = (await h.sms(who, 'AREAS')).message;
    expect(areas).toContain('415');
    expect(areas).not.toContain('206');
  });

  it('tells a member who stopped in their own words to text START to come back, never JOIN', async () => {
    const who = '+12065550141';
    await h.sms(who, 'JOIN');
    const r = await h.sms(who, 'stop sending me these');
    expect(r.message).toContain('START');
    expect(r.message).not.toContain('JOIN');
  });
});

describe('with Twilio, a moderator', () => {
  const MOD = '+12065550190';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MODERATORS: MOD } });
  });
  afterAll(() => h.close());

  it('gets the moderator commands for a bare HELP, which Twilio answers with the members\' help only', async () => {
    expect((await h.sms(MOD, 'HELP')).message).toBe(catalog('en').modHelp());
    // Anyone else's is Twilio's to answer.
    expect((await h.sms('+12065550191', 'HELP')).message).toBeNull();
  });
});

describe('with Twilio, on a line whose areas are not North American', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { AREAS_FILE: path.join(findProjectDir('config'), 'areas.uk.example.json'), DEFAULT_COUNTRY: 'GB' } });
  });
  afterAll(() => h.close());

  it('asks which area after a START Twilio answered, rather than take the next message for the answer unasked', async () => {
    const who = '+447911100009';
    const asked = (await h.sms(who, 'START')).message;
    expect(asked).toContain('LDN');
    expect((await h.sms(who, 'london')).message).toContain('LDN');
    expect((await h.sms(who, 'AREAS')).message).toContain('LDN');
  });

  it('still answers nothing to a START that needs no question', async () => {
    const who = '+442071234567';
    expect((await h.sms(who, 'START')).message).toBeNull();
    expect((await h.sms(who, 'AREAS')).message).toContain('LDN');
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
