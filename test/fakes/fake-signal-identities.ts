/**
 * The fake's identity store, as signal-cli keeps it: the first key seen of a
 * contact (a message from them, or a first send) is TRUSTED_UNVERIFIED; a
 * changed key is UNTRUSTED until trusted again. With it, the messages
 * signal-cli could not decrypt yet (a changed key, holdUntrusted), kept
 * until their sender's key is trusted.
 */
import { randomBytes, randomInt } from 'node:crypto';

/** One identity as GET /v1/identities/{number} lists it (client.IdentityEntry). */
export interface FakeIdentity {
  number: string;
  uuid: string;
  fingerprint: string;
  safety_number: string;
  status: 'TRUSTED_UNVERIFIED' | 'TRUSTED_VERIFIED' | 'UNTRUSTED';
  added: string;
}

/** A safety number: 60 digits, as Signal shows it in 12 groups of 5. */
function safetyNumber(): string {
  let s = '';
  for (let i = 0; i < 60; i++) s += String(randomInt(10));
  return s;
}

export class SignalIdentities {
  /** Known contacts' identities, by UUID or number (one entry per contact), as listed. */
  readonly list: FakeIdentity[] = [];
  /** Messages signal-cli could not decrypt yet, in arrival order. */
  private held: Array<{ uuid: string; item: unknown }> = [];

  /** The identity held for a contact (a UUID or a number), if any. */
  find(contact: string): FakeIdentity | undefined {
    return this.list.find((i) => i.uuid === contact || (i.number !== '' && i.number === contact));
  }

  /** The contact's identity, learnt now (trusted on first use) if it was not known. */
  know(uuid: string, number: string): FakeIdentity {
    const known = this.find(uuid) ?? (number ? this.find(number) : undefined);
    if (known) return known;
    const entry: FakeIdentity = {
      number,
      uuid,
      fingerprint: randomBytes(33).toString('hex'),
      safety_number: safetyNumber(),
      status: 'TRUSTED_UNVERIFIED',
      added: String(Date.now()),
    };
    this.list.push(entry);
    return entry;
  }

  /** The contact reinstalled Signal or was taken over: a new key, untrusted until someone trusts it. */
  change(uuid: string, number: string): FakeIdentity {
    const entry = this.know(uuid, number);
    entry.fingerprint = randomBytes(33).toString('hex');
    entry.safety_number = safetyNumber();
    entry.status = 'UNTRUSTED';
    entry.added = String(Date.now());
    return entry;
  }

  /** Keeps a message from an untrusted sender undecrypted, in signal-cli's cache. */
  hold(uuid: string, item: unknown): void {
    this.held.push({ uuid, item });
  }

  /** The messages kept from this sender, in order, no longer kept (their key is trusted now). */
  release(uuid: string): unknown[] {
    const released = this.held.filter((h) => h.uuid === uuid);
    this.held = this.held.filter((h) => h.uuid !== uuid);
    return released.map((h) => h.item);
  }
}
