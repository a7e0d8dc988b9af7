/**
 * The identities API client against the fake signal-cli-rest-api: which of
 * several identities listed for one UUID is the current one, whatever form
 * `added` takes, and how long a stuck signal-cli can hold a check.
 */
import { addedAt, IdentitiesError, SignalIdentities } from '../../../src/channels/signal/signal-identities';
import { FakeSignal, type FakeIdentity } from '../../fakes/fake-signal';

const ACCOUNT = '+15005550199';
const UUID = '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21';

/** One IdentityEntry as upstream lists it. */
function entry(fingerprint: string, added: string, status: FakeIdentity['status'] = 'TRUSTED_UNVERIFIED'): FakeIdentity {
  return { number: '', uuid: UUID, fingerprint, safety_number: '1'.repeat(60), status, added };
}

describe('SignalIdentities.of', () => {
  let signal: FakeSignal;

  beforeEach(async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
    await signal.start();
  });
  afterEach(() => signal.stop());

  it.each([
    // Releases since 0.93: signal-cli's addedTimestamp as a decimal string.
    ['milliseconds', '1655117577000', '1704787200000'],
    // Before 0.93, normal mode read signal-cli's text output: Java's Date.toString().
    ['a date text in UTC', 'Mon Jun 13 10:52:57 UTC 2022', 'Tue Jan 09 08:00:00 UTC 2024'],
    ['a date text in a zone JavaScript does not know', 'Mon Jun 13 10:52:57 CEST 2022', 'Tue Jan 09 08:00:00 CET 2024'],
    ['an ISO date', '2022-06-13T10:52:57.000Z', '2024-01-09T08:00:00.000Z'],
  ])('picks the newest of several identities when `added` is %s, in any order', async (_form, older, newer) => {
    const identities = new SignalIdentities(signal.url, ACCOUNT);
    for (const list of [
      [entry('new', newer), entry('old', older, 'UNTRUSTED')],
      [entry('old', older, 'UNTRUSTED'), entry('new', newer)],
    ]) {
      signal.identityListAnswer = () => ({ status: 200, body: list });
      expect((await identities.of(UUID))?.fingerprint).toBe('new');
    }
  });

  it('gives up on a stuck signal-cli after its timeout, naming no one', async () => {
    signal.identityListAnswer = () => 'hang';
    const identities = new SignalIdentities(signal.url, ACCOUNT, 300);
    const started = Date.now();
    const err = await identities.of(UUID).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IdentitiesError);
    expect(String((err as Error).message)).not.toContain(UUID);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('addedAt', () => {
  it.each([
    [1655117577000, 1655117577000],
    [0, 0],
    [-5, 0],
    [1.5, 0],
    [2 ** 60, 0],
    ['1655117577000', 1655117577000],
    [' 1655117577000 ', 1655117577000],
    ['', 0],
    ['   ', 0],
    ['2022-06-13T10:52:57Z', Date.UTC(2022, 5, 13, 10, 52, 57)],
    ['Mon Jun 13 10:52:57 UTC 2022', Date.UTC(2022, 5, 13, 10, 52, 57)],
    // A zone JavaScript does not know is read as UTC; one it knows keeps its offset.
    ['Mon Jun 13 10:52:57 CEST 2022', Date.UTC(2022, 5, 13, 10, 52, 57)],
    ['Mon Jun 13 10:52:57  CEST  2022', Date.UTC(2022, 5, 13, 10, 52, 57)],
    ['Mon Jun 13 10:52:57 EST 2022', Date.UTC(2022, 5, 13, 15, 52, 57)],
    ['CEST 2022 and more', 0],
    ['not a date', 0],
    [null, 0],
    [{ added: 1 }, 0],
  ])('reads %p as %p', (raw, ms) => {
    expect(addedAt(raw)).toBe(ms);
  });
});
