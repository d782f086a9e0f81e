import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard (S6) for every outbound request to a URL that a user can influence (the X API base URL of a
 * polling channel today, webhook replies later):
 *
 * - `assertPublicUrl` at configuration time: http(s) only, no credentials in the URL, no IP literal outside the
 *   public unicast space (loopback, RFC 1918, CGNAT, link-local and cloud metadata, unique-local, IPv4-mapped
 *   IPv6, multicast, 0.0.0.0, reserved…), no single-label or local-only host names. Odd IPv4 notations
 *   (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`) are normalised by the WHATWG URL parser first, so they are
 *   judged as the address they really are.
 * - `guardedFetch` at send time: the same checks on every hop, then DNS is resolved in the socket's `lookup`
 *   hook, every answer is checked and the connection goes to the checked address (no second resolution, so DNS
 *   rebinding cannot swap it). Redirects are followed by hand, each hop re-checked, at most 3.
 *
 * Trusted origins (Perch's own configuration, e.g. the sandbox X network on 127.0.0.1 in the demo and the tests)
 * skip the address checks. The caller passes them from configuration; they must never come from user input.
 */

export const MAX_REDIRECTS = 3;
const MAX_URL_LENGTH = 2048;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
/** Host names that only ever mean "this machine" or "this private network". */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan', '.intranet'];

/** Every refusal of the guard. Network failures keep their own types (they are not a policy decision). */
export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError';
  readonly code = 'UNSAFE_URL';
  /** Why, in a sentence fit for the user who typed the URL. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Refused outbound URL: ${reason}`);
    this.reason = reason;
  }
}

export interface UrlPolicy {
  /** Origins from Perch's own configuration that may be private (the local sandbox). Never from user input. */
  trustedOrigins?: readonly string[] | undefined;
}

/** True for an address in the public unicast space only (what ipaddr.js calls `unicast`, IPv4 and IPv6). */
export function isPublicAddress(address: string): boolean {
  if (!net.isIP(address)) return false;
  try {
    const ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6') {
      const v6 = ip as ipaddr.IPv6;
      // ::/8 is reserved as a whole (it also holds the deprecated IPv4-compatible `::a.b.c.d` forms).
      if (v6.zoneId || v6.parts[0]! < 0x100) return false;
    }
    return ip.range() === 'unicast';
  } catch {
    return false;
  }
}

function rangeOf(address: string): string {
  try {
    const ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts[0]! < 0x100 && ip.range() === 'unicast') return 'reserved';
    return ip.range();
  } catch {
    return 'invalid';
  }
}

function isTrusted(url: URL, policy: UrlPolicy): boolean {
  return (policy.trustedOrigins ?? []).some((origin) => {
    const parsed = URL.parse(origin);
    return parsed !== null && parsed.origin === url.origin;
  });
}

/** The host of a URL as an IP literal (brackets removed), or null for a domain name. */
function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return net.isIP(host) ? host : null;
}

function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Parses `input` and refuses anything but an http(s) URL to a public destination, without resolving DNS (a
 * resolution now would prove nothing about the one at send time; `guardedFetch` checks that one). Throws only
 * `UnsafeUrlError`; returns the parsed URL.
 */
export function assertPublicUrl(input: string | URL, policy: UrlPolicy = {}): URL {
  const raw = typeof input === 'string' ? input : input.href;
  if (typeof raw !== 'string' || raw.length === 0) throw new UnsafeUrlError('the URL is empty');
  if (raw.length > MAX_URL_LENGTH) throw new UnsafeUrlError(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  const url = URL.parse(raw);
  if (!url) throw new UnsafeUrlError('not a valid URL');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeUrlError(`only http and https URLs are allowed, not ${url.protocol.slice(0, 20)}`);
  }
  if (url.username || url.password) throw new UnsafeUrlError('credentials in the URL are not allowed');
  if (isTrusted(url, policy)) return url;
  if (!url.hostname) throw new UnsafeUrlError('the URL has no host');
  const ip = ipLiteralOf(url);
  if (ip !== null) {
    if (!isPublicAddress(ip)) {
      throw new UnsafeUrlError(`${originOf(url)} is not a public address (${rangeOf(ip)})`);
    }
    return url;
  }
  const host = url.hostname.replace(/\.$/, '');
  if (host === 'localhost' || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
    throw new UnsafeUrlError(`${originOf(url)} names a local host`);
  }
  if (!host.includes('.')) throw new UnsafeUrlError(`${originOf(url)} is not a public host name`);
  return url;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Resolves a host name to all its addresses (the system resolver by default; tests inject their own). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A socket `lookup` hook that resolves once, refuses the host when any of its addresses is not public, and hands
 * the socket exactly the addresses it checked.
 */
export function pinnedLookup(resolve: Resolver = systemResolver): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((answers) => {
        const bad = answers.find((a) => !isPublicAddress(a.address));
        if (bad) {
          throw new UnsafeUrlError(`${hostname} resolves to a non-public address (${rangeOf(bad.address)})`);
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = family ? answers.filter((a) => a.family === family) : answers;
        const first = usable[0];
        if (!first) throw new UnsafeUrlError(`${hostname} has no usable address`);
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0));
  };
}

export interface GuardedRequestInit extends UrlPolicy {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** At most `MAX_REDIRECTS` (3); 0 refuses any redirect. */
  maxRedirects?: number;
  /** DNS for the checked connection (tests). */
  resolve?: Resolver;
}

// Sockets of the guard's own pools were all connected through the checks: reusing one never skips them.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

function requestOnce(url: URL, init: GuardedRequestInit, trusted: boolean): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(
      url,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        agent: agents[url.protocol as 'http:' | 'https:'],
        ...(init.signal ? { signal: init.signal } : {}),
        // Trusted origins resolve normally (e.g. `localhost` for the sandbox); every other host is pinned.
        ...(trusted ? {} : { lookup: pinnedLookup(init.resolve) }),
      },
      resolve,
    );
    request.on('error', (error) => reject(init.signal?.aborted ? (init.signal.reason as Error) : error));
    request.end(init.body);
  });
}

function toResponse(message: http.IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    try {
      headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
    } catch {
      // A header the WHATWG Headers class refuses is dropped, as fetch would.
    }
  }
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    message.destroy();
    throw new TypeError(`unexpected HTTP status ${status}`);
  }
  const init = { status, statusText: message.statusMessage ?? '', headers };
  if (NULL_BODY_STATUSES.has(status)) {
    message.resume();
    return new Response(null, init);
  }
  return new Response(Readable.toWeb(message) as ReadableStream<Uint8Array>, init);
}

/**
 * `fetch` for user-influenced URLs: checks every hop with `assertPublicUrl`, pins DNS to checked public addresses,
 * follows at most 3 redirects by hand (303, and 301/302 after a POST, become GET without a body; credentials are
 * dropped when the origin changes). Throws `UnsafeUrlError` for a refusal, the signal's reason when aborted, and
 * the network's own error otherwise.
 */
export async function guardedFetch(input: string | URL, init: GuardedRequestInit = {}): Promise<Response> {
  const maxRedirects = Math.min(Math.max(init.maxRedirects ?? MAX_REDIRECTS, 0), MAX_REDIRECTS);
  let url = assertPublicUrl(input, init);
  let current: GuardedRequestInit = { ...init, headers: { ...init.headers } };
  for (let hop = 0; ; hop++) {
    const message = await requestOnce(url, current, isTrusted(url, init));
    const location = message.headers.location;
    if (!REDIRECT_STATUSES.has(message.statusCode ?? 0) || !location) return toResponse(message);
    message.resume();
    if (hop >= maxRedirects) throw new UnsafeUrlError(`more than ${maxRedirects} redirects`);
    const target = URL.parse(location, url.href);
    if (!target) throw new UnsafeUrlError('the redirect location is not a valid URL');
    const next = assertPublicUrl(target, init);
    const status = message.statusCode ?? 0;
    const method = (current.method ?? 'GET').toUpperCase();
    const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
    const headers = { ...current.headers };
    if (next.origin !== url.origin) {
      for (const name of Object.keys(headers)) {
        if (['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase())) delete headers[name];
      }
    }
    if (toGet) {
      for (const name of Object.keys(headers)) {
        if (name.toLowerCase().startsWith('content-')) delete headers[name];
      }
    }
    const { body: _body, ...rest } = current;
    current = toGet ? { ...rest, method: 'GET', headers } : { ...current, headers };
    url = next;
  }
}
