/**
 * A cap on the connections one remote address may hold open at once
 * (CONNECTIONS_PER_ADDRESS). Without it one client holding the server's
 * whole maxConnections (slow or idle sockets, reopened as they are cut)
 * had every Twilio webhook refused: each one a text lost. A connection
 * past its address's cap is closed as it arrives, before anything is read.
 * Only public addresses are capped: behind a proxy or tunnel on this host
 * or network every connection comes from one local address, and capping it
 * would refuse Twilio's own bursts. Addresses are only counted in memory,
 * never logged or stored.
 */
import type { Server } from 'node:http';
import { BlockList, isIPv6, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log/logger';

/** How often refusals are logged while they go on: anyone can cause them at will, and a full disk loses texts. */
const REFUSED_LOG_EVERY_MS = 300_000;

/** Loopback, private and link-local ranges: no one on the internet can connect from them. */
const LOCAL = new BlockList();
LOCAL.addSubnet('127.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('10.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('172.16.0.0', 12, 'ipv4');
LOCAL.addSubnet('192.168.0.0', 16, 'ipv4');
LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LOCAL.addAddress('::1', 'ipv6');
LOCAL.addSubnet('fc00::', 7, 'ipv6');
LOCAL.addSubnet('fe80::', 10, 'ipv6');

/** Whether `address` is loopback, private or link-local (IPv4-mapped too: BlockList maps them to the IPv4 ranges). */
export function isLocalAddress(address: string): boolean {
  return LOCAL.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * The key an address is counted under: an IPv4 address as itself (also when
 * a dual-stack listener reports it as ::ffff:a.b.c.d), an IPv6 address by its
 * /64, the block one host is given (a VPS gets a whole /64: counted one by
 * one, its addresses would be caps without end).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  const bare = address.split('%')[0] as string;
  if (!isIPv6(bare)) return bare;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  // '::' stands for the zero groups left out; the first four groups are the /64.
  const groups = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/**
 * Closes each connection that arrives while its public address already
 * holds `perAddress` open ones (local addresses too when `capLocal`: tests
 * on loopback), calling `counted` for it and warning at most once in
 * REFUSED_LOG_EVERY_MS (a count and the setting, never the address). An
 * address's count falls as its connections close, whoever closes them.
 */
export function capConnectionsPerAddress(server: Server, perAddress: number, capLocal: boolean, log: Logger, counted: () => void): void {
  const open = new Map<string, number>();
  let lastLogged = -Infinity;
  let refusedSince = 0;
  const refused = () => {
    counted();
    refusedSince += 1;
    if (performance.now() - lastLogged < REFUSED_LOG_EVERY_MS) return;
    lastLogged = performance.now();
    log.warn(
      { refused: refusedSince, perAddress },
      'connections refused: their address already held CONNECTIONS_PER_ADDRESS open. Behind a proxy reaching this server from a public address, every client comes from the proxy: set CONNECTIONS_PER_ADDRESS=off and limit clients there',
    );
    refusedSince = 0;
  };
  server.on('connection', (socket: Socket) => {
    // Undefined only for a socket already gone: nothing to count.
    if (socket.remoteAddress === undefined) return;
    if (!capLocal && isLocalAddress(socket.remoteAddress)) return;
    const key = addressKey(socket.remoteAddress);
    const held = open.get(key) ?? 0;
    if (held >= perAddress) {
      socket.destroy();
      refused();
      return;
    }
    open.set(key, held + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
