import { catalog } from '../../src/bot/catalog';
import { readMetrics, startHarness, type Harness } from '../helpers/harness';
import { clockFrom, EARLY_IN_A_DAY } from '../helpers/steady-clock';

const ALICE = '+14155550100';
const BETO = '+12125550142';

describe('member commands over the Twilio webhook', () => {
  let h: Harness;
  beforeAll(async () => {
    // The hint's hour (a window aligned to the clock) must not end between two messages of a test.
    h = await startHarness({ now: clockFrom(EARLY_IN_A_DAY) });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('JOIN', () => {
    it("subscribes the sender to their own area code and says how to stop and get help", async () => {
      const r = await h.sms(ALICE, 'JOIN');
      expect(r.status).toBe(200);
      expect(r.message).toContain('415');
      expect(r.message).toContain('Heads Up');
      expect(r.message).toMatch(/STOP/);
      expect(r.message).toMatch(/HELP/);
    });

    it('subscribes to the areas given, tolerating case, spaces and punctuation', async () => {
      const member = '+14155550112';
      await h.sms(member, 'JOIN');
      const r = await h.sms(member, '  join 628, 212! ');
      expect(r.message).toContain('212, 415, 628');
    });

    it('takes a region name from config/regions.json', async () => {
      const r = await h.sms(BETO, 'JOIN san-francisco');
      expect(r.message).toContain('415, 628');
    });

    it('names a token that is not an area code and subscribes nothing', async () => {
      const r = await h.sms('+13125550111', 'JOIN 999');
      expect(r.message).toContain('"999"');
      const areas = await h.sms('+13125550111', 'AREAS');
      expect(areas.message).toMatch(/not subscribed|no alert areas/);
    });

    it('answers in Spanish to a Spanish keyword and keeps that language', async () => {
      const r = await h.sms('+13055550123', 'unirse 305');
      expect(r.message).toContain('recibiras alertas');
      const areas = await h.sms('+13055550123', 'STATUS'); // a keyword both languages use
      expect(areas.message).toContain('tus areas');
    });
  });

  describe('LEAVE and AREAS', () => {
    it('leaves only the areas named', async () => {
      const member = '+14155550113';
      expect((await h.sms(member, 'JOIN 415 628 212')).message).toContain('212, 415, 628');
      const r = await h.sms(member, 'LEAVE 212');
      expect(r.message).toContain('left 212');
      expect(r.message).toContain('415, 628');
      expect((await h.sms(member, 'AREAS')).message).toContain('415, 628');
    });

    it('asks which area when none is given', async () => {
      expect((await h.sms(ALICE, 'LEAVE')).message).toContain('LEAVE 415');
    });
  });

  describe('STOP', () => {
    it('unsubscribes from everything on a plain request, and answers since the carrier does not', async () => {
      const member = '+12125550143';
      expect((await h.sms(member, 'JOIN san-francisco')).message).toContain('415, 628');
      const r = await h.sms(member, 'please stop texting me');
      expect(r.message).toContain('unsubscribed');
      expect((await h.sms(member, 'AREAS')).message).toContain('no alert areas');
    });

    it('stays silent on a bare STOP, which Twilio answers itself, yet acts on it', async () => {
      await h.sms('+17025550100', 'JOIN');
      const r = await h.sms('+17025550100', 'Stop');
      expect(r.status).toBe(200);
      expect(r.message).toBeNull();
      expect((await h.sms('+17025550100', 'AREAS')).message).toContain('no alert areas');
    });

    it('answers a STOP with an emoji after it, and a HELP with a word in another script: Twilio answers only its single word', async () => {
      await h.sms('+17025550101', 'JOIN');
      const stop = await h.sms('+17025550101', 'STOP 🙏');
      expect(stop.message).toContain('unsubscribed');
      expect((await h.sms('+17025550102', 'HELP ПОЖАЛУЙСТА')).message).toMatch(/JOIN/);
    });

    it('understands Spanish "no más"', async () => {
      await h.sms('+17865550100', 'ALTA');
      const r = await h.sms('+17865550100', 'No más!');
      expect(r.message).toBe(catalog('es').stopped('sms'));
    });
  });

  describe('HELP, LANG, DELETE and the hint', () => {
    it('answers AYUDA in Spanish, and leaves bare HELP to Twilio', async () => {
      expect((await h.sms('+15035550100', 'ayuda')).message).toContain('UNIRSE');
      expect((await h.sms('+15035550100', 'HELP')).message).toBeNull();
      expect((await h.sms('+15035550100', 'help please')).message).toContain('JOIN 415');
    });

    it('switches language with LANG', async () => {
      expect((await h.sms('+15125550100', 'LANG ES')).message).toContain('español');
      expect((await h.sms('+15125550100', 'what?')).message).toContain('AYUDA');
    });

    it('gives the hint at most once an hour', async () => {
      const first = await h.sms('+15125550199', 'hello');
      const second = await h.sms('+15125550199', 'hello again');
      expect(first.message).toContain('HELP');
      expect(second.message).toBeNull();
    });

    it('DELETE erases the member', async () => {
      await h.sms('+16175550100', 'JOIN 617');
      expect((await h.sms('+16175550100', 'delete')).message).toContain('erased');
      expect((await h.sms('+16175550100', 'AREAS')).message).toContain('not subscribed');
    });
  });
});

describe('Twilio Advanced Opt-Out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('treats OptOutType=STOP as STOP whatever the keyword, without a second answer', async () => {
    await h.sms('+14045550100', 'JOIN');
    const r = await h.sms('+14045550100', 'ARRET', { extra: { OptOutType: 'STOP' } });
    expect(r.message).toBeNull();
    expect((await h.sms('+14045550100', 'AREAS')).message).toContain('no alert areas');
  });

  it('treats OptOutType=START as joining the sender’s own area, silently', async () => {
    const r = await h.sms('+14045550101', 'COMENZAR', { extra: { OptOutType: 'START' } });
    expect(r.message).toBeNull();
    expect((await h.sms('+14045550101', 'AREAS')).message).toContain('404');
  });

  // A custom HELP keyword the bot does not know (MENU), sent while a guided report's question was open,
  // was taken as her answer: the next question went out beside Twilio's own help text.
  it('treats OptOutType=HELP as HELP whatever the keyword, silently, even while a question is open', async () => {
    const n = '+14045550102';
    await h.sms(n, 'JOIN');
    expect((await h.sms(n, 'REPORT')).message).toContain('What happened?');
    const r = await h.sms(n, 'MENU', { extra: { OptOutType: 'HELP' } });
    expect(r.status).toBe(200);
    expect(r.message).toBeNull();
    // The question is still the one she was asked.
    expect((await h.sms(n, '1 3')).message).toContain('When did it happen?');
  });
});

describe('inbound counts on /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  async function count(command: string): Promise<number> {
    const text = await readMetrics(h.url);
    const m = new RegExp(`^headsup_inbound_messages_total\\{channel="sms",command="${command}"\\} (\\d+)$`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  }

  it('counts each message by command, across scrapes, and never shows a number', async () => {
    await h.sms('+13055550100', 'JOIN');
    await h.sms('+13055550101', 'JOIN 305');
    await h.sms('+13055550100', 'HELP');
    await h.sms('+13055550100', 'what is this');
    expect(await count('join')).toBe(2);
    expect(await count('help')).toBe(1);
    expect(await count('unknown')).toBe(1);
    await h.sms('+13055550102', 'join');
    expect(await count('join')).toBe(3);
    expect(await readMetrics(h.url)).not.toMatch(/305555\d{4}/);
  });
});
