// Network ranges written as CIDR (`10.0.0.0/8`, `2001:db8::/32`) or as single addresses, for
// TRUSTED_RELAY_NETWORKS. Parsed once at start-up, so a typo stops the process instead of quietly
// trusting nobody — or everybody.
import { BlockList, isIP } from 'node:net';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** One range, or null when it is not an address with an optional prefix length in range. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Every range of a comma-separated list, or null when one of them is not a range. */
export function parseCidrList(text: string): Cidr[] | null {
  const parts = text.split(',').map((part) => parseCidr(part));
  return parts.every((part): part is Cidr => part !== null) ? parts : null;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is the IPv4 address it carries. */
const unmapped = (ip: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
};

/** Whether an address lies in one of the ranges; anything that is not an address is in none. */
export function networkMatcher(ranges: readonly Cidr[]): (ip: string | null) => boolean {
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.address, range.prefix, range.family);
  return (ip) => {
    if (!ip) return false;
    const address = unmapped(ip);
    const version = isIP(address);
    return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}
