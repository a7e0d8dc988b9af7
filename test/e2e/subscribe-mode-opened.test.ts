/** SUBSCRIBE_MODE switched from approval to open: applicants still waiting are let in at start, and told so once. */
import { waitFor } from '../helpers/harness';
import { MOD, restartedLine, type RestartedLine } from '../helpers/line-restarts';

const ANA = '+14155550102';
const LUZ = '+14155550104';

describe('SUBSCRIBE_MODE approval → open', () => {
  let line: RestartedLine;
  beforeEach(async () => {
    line = await restartedLine();
  });
  afterEach(async () => {
    await line.close();
  });

  it('admits the waiting applicants at start, each told in her language, once', async () => {
    let h = await line.start({ SUBSCRIBE_MODE: 'approval' });
    expect((await h.sms(ANA, 'JOIN 415')).message).toContain('with a moderator');
    expect((await h.sms(LUZ, 'UNIRSE 415')).message).toContain('moderador');
    h = await line.start({});
    await waitFor(() => line.fake.to(ANA).length === 1 && line.fake.to(LUZ).length === 1, 5_000, 'the confirmations');
    expect(line.fake.to(ANA).map((m) => m.body)).toEqual(["Heads Up: you're in. You'll get bad date alerts for 415. HELP for help, STOP to end."]);
    expect(line.fake.to(LUZ)[0]?.body).toContain('ya estas dentro');
    expect((await h.sms(ANA, 'AREAS')).message).not.toContain('moderator');
    expect(h.logs.join('\n')).toContain('"admitted":2');
    expect(h.logs.join('\n')).not.toMatch(/5550102|5550104/);
    await h.sms(MOD, 'ALERT 415 grey van two');
    await waitFor(() => line.fake.to(ANA).some((m) => m.body.includes('grey van two')), 5_000, 'the alert');
    // Told once: the next open start finds no one waiting (a confirmation queued at start would go before this alert).
    h = await line.start({});
    await h.sms(MOD, 'ALERT 415 grey van three');
    await waitFor(() => line.fake.to(ANA).some((m) => m.body.includes('grey van three')), 5_000, 'the next alert');
    expect(line.fake.to(ANA).filter((m) => m.body.includes("you're in"))).toHaveLength(1);
  }, 30_000);

  it('leaves an applicant blocked since she asked waiting for a moderator', async () => {
    let h = await line.start({ SUBSCRIBE_MODE: 'approval' });
    await h.sms(ANA, 'JOIN 415');
    await h.sms(LUZ, 'JOIN 415');
    const ref = /#([A-Z0-9]{4,6})/.exec((await h.sms(LUZ, 'REPORT 415 the moderators are useless')).message ?? '')?.[1];
    expect((await h.sms(MOD, `BLOCK ${ref}`)).message).toContain(`#${ref}`);
    const before = line.fake.to(LUZ).length;
    h = await line.start({});
    await waitFor(() => line.fake.to(ANA).some((m) => m.body.includes("you're in")), 5_000, 'the confirmation');
    expect(line.fake.to(LUZ).slice(before).filter((m) => m.body.includes("you're in"))).toEqual([]);
    expect(h.logs.join('\n')).toContain('"admitted":1,"blocked":1');
    expect((await h.sms(MOD, 'PENDING')).message).toMatch(/join/i);
  }, 30_000);

  it('leaves applicants waiting while the line stays under approval', async () => {
    let h = await line.start({ SUBSCRIBE_MODE: 'approval' });
    await h.sms(ANA, 'JOIN 415');
    h = await line.start({ SUBSCRIBE_MODE: 'approval' });
    expect((await h.sms(ANA, 'AREAS')).message).toContain('with a moderator');
    expect(h.logs.join('\n')).not.toContain('admitted');
  }, 30_000);
});
