import { isIP } from 'node:net';

/**
 * The client as per-address limits count it: an IPv4 address, or the /64
 * network of an IPv6 one — one subscriber's line gets a whole /64, so
 * counting single IPv6 addresses would give one person 2^64 fresh counters.
 */
export function addressKey(ip: string): string {
  const v4 = ipv4Of(ip);
  if (v4) return v4;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

/**
 * The client as the audit log may hold it: the network, not the person —
 * IPv4 /24, IPv6 /48 (a /64 is one household's line, as personal as a full
 * IPv4 address).
 */
export function addressForAudit(ip: string): string {
  const v4 = ipv4Of(ip);
  if (v4) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 3).join(':')}::/48` : 'unknown';
}

function ipv4Of(ip: string): string | null {
  if (isIP(ip) === 4) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped && isIP(mapped[1]!) === 4 ? mapped[1]! : null;
}

/** The eight groups of an IPv6 address, without leading zeros, lower case; null if it is not one. */
function ipv6Groups(ip: string): string[] | null {
  if (isIP(ip) !== 6) return null;
  const address = ip.split('%')[0]!.toLowerCase();
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  const left = split(head);
  const right = split(tail);
  const last = right.at(-1) ?? left.at(-1) ?? '';
  if (last.includes('.')) {
    // An embedded IPv4 tail takes two groups.
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    const replace = right.length > 0 ? right : left;
    replace.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16));
}
