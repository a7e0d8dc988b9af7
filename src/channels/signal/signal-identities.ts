/**
 * signal-cli-rest-api's identities API: GET /v1/identities/{number} lists the
 * identity key signal-cli holds for each contact; PUT
 * /v1/identities/{number}/trust/{contact} trusts one. Answers are parsed and
 * bounded; error texts (which name contacts) are never kept.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import { isSignalUuid } from '../../phone/identity';
import { AT_ONCE, type Turn, type TurnPlace } from './account-turn';
import { ArrayScanError, scanJsonArray } from './json-array-scan';

/** One contact's identity as signal-cli holds it. */
export interface SignalIdentity {
  uuid: string;
  /** The contact's number when signal-cli knows it ('' when hidden): another address of the same person. */
  number: string;
  /** The fingerprint of their identity key: changes when they re-register. */
  fingerprint: string;
  /** The 60-digit number both phones show; what an operator compares in person. */
  safetyNumber: string;
  /** TRUSTED_UNVERIFIED, TRUSTED_VERIFIED or UNTRUSTED. */
  status: string;
  /** When signal-cli added it (ms since the epoch; 0 unknown): the newest is the current one. */
  added: number;
}

/** The identities API did not answer as documented; the message names no one. */
export class IdentitiesError extends Error {
  constructor(
    message: string,
    /** The list did not come within the time-out (not an error answered, nor a read given up on). */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'IdentitiesError';
  }
}

const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : '');

/**
 * When signal-cli added an identity, in ms since the epoch; 0 when unreadable.
 * Since 0.93 `added` is signal-cli's timestamp as a decimal string; before,
 * normal mode passed on signal-cli's text, Java's Date.toString()
 * ("Mon Jun 13 10:52:57 CEST 2022").
 */
export function addedAt(v: unknown): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : 0;
  const t = str(v, 64).trim();
  if (/^\d{1,16}$/.test(t)) return Number(t);
  if (t === '') return 0;
  let ms = Date.parse(t);
  // A zone JavaScript does not know (CEST): read as UTC. All entries come from the same signal-cli, so their order holds (within an hour for summer time).
  if (Number.isNaN(ms)) ms = Date.parse(t.replace(/\b[A-Z]{2,5}(?=\s+\d{4}$)/, 'UTC'));
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Whether an entry's raw text may name `want` (lower case): a look before
 * any parse. JSON text without an escape holds its strings as they read, so
 * only an entry with one is parsed to be sure.
 */
function mayName(text: string, want: string): boolean {
  return text.includes('\\') || text.toLowerCase().includes(want);
}

/** Reads one IdentityEntry; null when it is not one. */
function entry(v: unknown): SignalIdentity | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const uuid = str(o.uuid, 64).toLowerCase();
  const fingerprint = str(o.fingerprint, 512);
  if (!isSignalUuid(uuid) || fingerprint === '') return null;
  return { uuid, number: str(o.number, 32), fingerprint, safetyNumber: str(o.safety_number, 200).replace(/\s/g, ''), status: str(o.status, 40), added: addedAt(o.added) };
}

export class SignalIdentities {
  private readonly http: AxiosInstance;

  constructor(
    apiUrl: string,
    /** The bot's registered number. */
    private readonly number: string,
    private readonly timeoutMs = 30_000,
    /** The account's turn, shared with the sender and the receiver (account-turn.ts); the CLI's own process has none to share. */
    private readonly turn: Turn = AT_ONCE,
  ) {
    this.http = axios.create({ baseURL: apiUrl, timeout: timeoutMs, validateStatus: () => true, maxRedirects: 0 });
  }

  /** Every identity signal-cli holds, as listed (the operator's commands; the line itself reads only the entries it wants). */
  async list(): Promise<SignalIdentity[]> {
    const out: SignalIdentity[] = [];
    await this.scan('inLine', () => true, (e) => out.push(e));
    return out;
  }

  /**
   * The identity signal-cli holds for a contact's UUID (the newest, if it
   * lists several), or null. A moderator's message waits for it: it goes
   * ahead of sends waiting for the account's turn. `cancel` gives it up
   * (a stop), waiting for its turn or read.
   */
  async of(uuid: string, cancel?: AbortSignal): Promise<SignalIdentity | null> {
    const want = uuid.toLowerCase();
    let best: SignalIdentity | null = null;
    await this.scan(
      'first',
      (text) => mayName(text, want),
      (e) => {
        if (e.uuid === want && (!best || e.added >= best.added)) best = e;
      },
      cancel,
    );
    return best;
  }

  /**
   * Every address signal-cli knows for the person `contact` names (a UUID or
   * a number): their UUID and, when known, their number. signal-cli trusts a
   * person, not an address, so this is what a trust by either address reaches.
   */
  async addressesOf(contact: string): Promise<Set<string>> {
    const want = contact.toLowerCase();
    const out = new Set([want]);
    await this.scan(
      'inLine',
      (text) => mayName(text, want),
      (e) => {
        if (e.uuid !== want && e.number !== contact) return;
        out.add(e.uuid);
        if (e.number) out.add(e.number);
      },
    );
    return out;
  }

  /**
   * Reads the list as it streams in, entry by entry (json-array-scan.ts):
   * memory and each turn of the event loop stay bounded however many
   * contacts signal-cli holds, and no length locks the check out; the
   * timeout bounds the whole read, from when it is issued in the account's turn.
   */
  private async scan(place: TurnPlace, wanted: (text: string) => boolean, onEntry: (e: SignalIdentity) => void, cancel?: AbortSignal): Promise<void> {
    try {
      await this.turn.run(place, () => this.read(wanted, onEntry, cancel), cancel);
    } catch (err) {
      // Given up while waiting for its turn: never issued.
      if (cancel?.aborted && !(err instanceof IdentitiesError)) throw new IdentitiesError('the identities list was given up before it was asked');
      throw err;
    }
  }

  private async read(wanted: (text: string) => boolean, onEntry: (e: SignalIdentity) => void, cancel?: AbortSignal): Promise<void> {
    // axios's timeout is per idle socket; a list trickled slowly must end in time too.
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
    const res = await this.http.get<Readable>(`/v1/identities/${encodeURIComponent(this.number)}`, { signal, responseType: 'stream' }).catch((err: { code?: string }) => {
      throw new IdentitiesError(`signal-cli-rest-api did not answer (${timeout.aborted ? 'timeout' : (err.code ?? 'error')})`, timeout.aborted);
    });
    // axios ends the body when the signal fires mid-list; destroyed here too when the read stops early.
    const body = res.data;
    try {
      if (res.status !== 200) throw new IdentitiesError(`signal-cli-rest-api answered ${res.status} to the identities list`);
      await scanJsonArray(body, wanted, (v) => {
        const e = entry(v);
        if (e) onEntry(e);
      });
    } catch (err) {
      if (err instanceof IdentitiesError) throw err;
      if (err instanceof ArrayScanError) throw new IdentitiesError(`signal-cli-rest-api answered 200 to the identities list, but not as documented (${err.message})`);
      throw new IdentitiesError(`signal-cli-rest-api did not answer (${timeout.aborted ? 'timeout' : 'error'})`, timeout.aborted);
    } finally {
      body.destroy();
    }
  }

  /** Trusts a contact's current key as verified by this safety number; throws when signal-cli refuses. */
  async trustVerified(uuid: string, safetyNumber: string): Promise<void> {
    const res = await this.http.put(`/v1/identities/${encodeURIComponent(this.number)}/trust/${encodeURIComponent(uuid)}`, { verified_safety_number: safetyNumber }).catch((err: { code?: string }) => {
      throw new IdentitiesError(`signal-cli-rest-api did not answer (${err.code ?? 'error'})`);
    });
    if (res.status < 200 || res.status >= 300) throw new IdentitiesError(`signal-cli-rest-api refused to trust the identity (${res.status}): is the safety number right?`);
  }
}
