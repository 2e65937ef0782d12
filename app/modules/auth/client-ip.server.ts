import { isIPv4, isIPv6 } from "node:net";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as express sees it (X-Forwarded-For only from a trusted local proxy). */
    clientIp?: string;
    /** The request's id in the request log (server/request-log.ts), for error lines to name it. */
    requestId?: string;
  }
}

/** The client's IP for throttling; "unknown" when there is no server in front (tests, dev). */
export function clientIpOf(context: { clientIp?: string } | undefined): string {
  const ip = context?.clientIp;
  return typeof ip === "string" && ip.length > 0 && ip.length <= 64 ? ip : "unknown";
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail), or null. */
function ipv6Groups(ip: string): number[] | null {
  let address = ip.split("%")[0]!;
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const [a, b, c, d] = tail[1]!.split(".").map(Number) as [number, number, number, number];
    address = `${address.slice(0, tail.index)}:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const head = part(halves[0]);
  const rest = part(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/**
 * What one client is counted as when throttling: an IPv4 address as it is, an IPv6 address by its /64
 * network. One IPv6 subscriber (a home, a phone, a rented server) usually gets a whole /64 and can pick
 * a new address in it for every request; counting single IPv6 addresses would throttle nobody.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d, as Node reports IPv4 clients on a dual-stack socket)
 * count as the IPv4 address.
 */
export function throttleScopeOf(ip: string): string {
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return `${groups[6]! >> 8}.${groups[6]! & 0xff}.${groups[7]! >> 8}.${groups[7]! & 0xff}`;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
