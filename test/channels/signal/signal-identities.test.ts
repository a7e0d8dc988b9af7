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

  it.each(['hang', 'stall'] as const)('gives up on a stuck signal-cli (%s) after its timeout, naming no one', async (stuck) => {
    signal.identityListAnswer = () => stuck;
    const identities = new SignalIdentities(signal.url, ACCOUNT, 300);
    const err = await identities.of(UUID).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IdentitiesError);
    // Ended by its own time-out, not by an error nor by the fake's end: the moderator's gate reads this as signal-cli stuck.
    expect((err as IdentitiesError).timedOut).toBe(true);
    expect(String((err as Error).message)).not.toContain(UUID);
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

describe('SignalIdentities on a long list', () => {
  let signal: FakeSignal;

  beforeEach(async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
    await signal.start();
  });
  afterEach(() => signal.stop());

  /** n contacts who wrote once (every Signal account that writes adds one), the moderator last. */
  function longList(n: number): FakeIdentity[] {
    const list: FakeIdentity[] = [];
    for (let i = 0; i < n; i++) {
      const uuid = `7a6b5c4d-3e2f-4a1b-9c8d-${String(i).padStart(12, '0')}`;
      list.push({ number: `+1415${String(2000000 + i)}`, uuid, fingerprint: '05 ' + 'ab '.repeat(32).trim(), safety_number: '12345 '.repeat(12).trim(), status: 'TRUSTED_UNVERIFIED', added: String(1733000000000 + i) });
    }
    list.push({ ...entry('moderator-key', '1733999999999'), number: '+14155550123' });
    return list;
  }

  it('finds the moderator in a list longer than 32 MB (105,000 contacts) instead of failing every check', async () => {
    const list = longList(105_000);
    expect(JSON.stringify(list).length).toBeGreaterThan(32 * 1024 * 1024);
    signal.identityListAnswer = () => ({ status: 200, body: list });
    const identities = new SignalIdentities(signal.url, ACCOUNT);
    expect((await identities.of(UUID))?.fingerprint).toBe('moderator-key');
    expect(await identities.addressesOf('+14155550123')).toEqual(new Set(['+14155550123', UUID]));
    expect(await identities.addressesOf(UUID.toUpperCase())).toEqual(new Set([UUID, '+14155550123']));
  }, 60_000);

  it('refuses an answer that is not a list of entries, naming no one', async () => {
    const identities = new SignalIdentities(signal.url, ACCOUNT);
    for (const body of [{ uuid: UUID }, 'x', [UUID]]) {
      signal.identityListAnswer = () => ({ status: 200, body });
      const err = await identities.of(UUID).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(IdentitiesError);
      expect(String((err as Error).message)).not.toContain(UUID);
    }
  });
});
