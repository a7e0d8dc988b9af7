/** AREAS_FILE changed between starts: members of an area code the line no longer knows are not cut off unsaid. */
import { waitFor } from '../helpers/harness';
import { MOD, restartedLine, type RestartedLine } from '../helpers/line-restarts';

const ROSA = '+442071234567';
const NOOR = '+442079460123';
const MAN = { code: 'MAN', names: ['manchester'], prefixes: ['+44161'] };

describe('AREAS_FILE changed between starts', () => {
  let line: RestartedLine;
  beforeEach(async () => {
    line = await restartedLine();
  });
  afterEach(async () => {
    await line.close();
  });

  const env = () => ({ AREAS_FILE: line.areasFile, DEFAULT_COUNTRY: 'GB' });

  it('warns, naming AREAS_FILE and the codes members hold that it no longer knows, with counts', async () => {
    line.writeAreas([{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }, MAN]);
    const h = await line.start(env());
    await h.sms(ROSA, 'JOIN');
    await h.sms(NOOR, 'JOIN LDN MAN');
    line.writeAreas([{ code: 'LON', names: ['london'], prefixes: ['+4420'] }, MAN]);
    await line.start(env());
    const warned = line.warnings().filter((m) => m.includes('AREAS_FILE'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('LDN (2 members)');
    expect(warned[0]).not.toContain('MAN');
  }, 30_000);

  it('warns when AREAS_FILE is unset under members of its areas', async () => {
    line.writeAreas([{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }]);
    const h = await line.start(env());
    await h.sms(ROSA, 'JOIN');
    await line.start({ DEFAULT_COUNTRY: 'GB' });
    const warned = line.warnings().filter((m) => m.includes('AREAS_FILE'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('LDN (1 member)');
  }, 30_000);

  it('moves the members of an old code the file now gives as a name of another area, and warns of nothing', async () => {
    line.writeAreas([{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }, MAN]);
    let h = await line.start(env());
    await h.sms(ROSA, 'JOIN');
    line.writeAreas([{ code: 'LON', names: ['london', 'ldn'], prefixes: ['+4420'] }, MAN]);
    h = await line.start(env());
    expect(line.warnings()).toEqual([]);
    expect((await h.sms(ROSA, 'AREAS')).message).toContain('LON');
    expect((await h.sms(MOD, 'ALERT london grey van knife')).message).not.toContain('no one');
    await waitFor(() => line.fake.to(ROSA).some((m) => m.body.includes('grey van knife')), 5_000, 'the alert');
    expect(h.logs.join('\n')).not.toContain('2071234567');
  }, 30_000);

  it('moves a waiting join request and a pending report of the old code too', async () => {
    line.writeAreas([{ code: 'LDN', names: ['london'], prefixes: ['+4420'] }, MAN]);
    let h = await line.start({ ...env(), SUBSCRIBE_MODE: 'approval' });
    await h.sms(NOOR, 'JOIN LDN MAN');
    await h.sms(ROSA, 'REPORT LDN grey van, took my phone');
    line.writeAreas([{ code: 'LON', names: ['london', 'ldn'], prefixes: ['+4420'] }, MAN]);
    h = await line.start({ ...env(), SUBSCRIBE_MODE: 'approval' });
    const pending = (await h.sms(MOD, 'PENDING')).message ?? '';
    expect(pending).toMatch(/join \(LON(,| and) MAN\)/);
    expect(pending).not.toContain('LDN');
    expect((await h.sms(NOOR, 'AREAS')).message).toContain('LON');
  }, 30_000);
});
