import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertPublicUrl,
  guardedFetch,
  isPublicAddress,
  pinnedLookup,
  UnsafeUrlError,
  type ResolvedAddress,
} from './ssrf-guard.ts';

/** The verdict of `assertPublicUrl`: 'ok', or the refusal (any other error type fails the test). */
function verdict(url: string, trustedOrigins?: string[]): 'ok' | 'refused' {
  try {
    assertPublicUrl(url, { trustedOrigins });
    return 'ok';
  } catch (error) {
    if (error instanceof UnsafeUrlError) return 'refused';
    throw error;
  }
}

const BAD_URLS: [string, RegExp][] = [
  ['http://127.0.0.1/', /loopback/],
  ['http://127.0.0.1:4010/2/users/1/mentions', /loopback/],
  ['http://2130706433/', /loopback/], // decimal
  ['http://0177.0.0.1/', /loopback/], // octal
  ['http://0x7f.1/', /loopback/], // hex, short
  ['http://127.1/', /loopback/], // short
  ['http://0x7f000001/', /loopback/],
  ['http://017700000001/', /loopback/],
  ['http://%31%32%37.0.0.1/', /loopback/], // percent-encoded
  ['http://１２７.０.０.１/', /loopback/], // full-width digits
  ['http://localhost/', /local host/],
  ['http://LOCALHOST./', /local host/],
  ['http://api.localhost:3000/', /local host/],
  ['http://10.0.0.1/', /private/],
  ['http://172.16.5.4/', /private/],
  ['http://192.168.1.1/', /private/],
  ['http://100.64.0.1/', /carrierGradeNat/],
  ['http://169.254.169.254/latest/meta-data/', /linkLocal/],
  ['http://[fd00:ec2::254]/latest/meta-data/', /uniqueLocal/],
  ['http://[::1]/', /loopback/],
  ['http://[::]/', /unspecified/],
  ['http://0.0.0.0/', /unspecified/],
  ['http://0/', /unspecified/],
  ['http://[::ffff:127.0.0.1]/', /ipv4Mapped/],
  ['http://[::ffff:a9fe:a9fe]/', /ipv4Mapped/],
  ['http://[::ffff:8.8.8.8]/', /ipv4Mapped/],
  ['http://[fc00::1]/', /uniqueLocal/],
  ['http://[fe80::1]/', /linkLocal/],
  ['http://[64:ff9b::7f00:1]/', /rfc6052/],
  ['http://[2002:7f00:1::]/', /6to4/],
  ['http://[::7f00:1]/', /reserved/], // IPv4-compatible ::127.0.0.1
  ['http://224.0.0.1/', /multicast/],
  ['http://[ff02::1]/', /multicast/],
  ['http://255.255.255.255/', /broadcast/],
  ['http://198.18.0.1/', /benchmarking|reserved/],
  ['http://240.0.0.1/', /reserved/],
  ['file:///etc/passwd', /only http and https/],
  ['gopher://evil.example/', /only http and https/],
  ['ftp://example.com/', /only http and https/],
  ['javascript:alert(1)', /only http and https/],
  ['data:text/plain,hi', /only http and https/],
  ['ws://example.com/socket', /only http and https/],
  ['https://user:pass@api.x.com/', /credentials/],
  ['https://user@api.x.com/', /credentials/],
  ['https://:secret@api.x.com/', /credentials/],
  ['http://metadata/computeMetadata/v1/', /not a public host name/],
  ['http://metadata.google.internal/', /local host/],
  ['http://printer.local/', /local host/],
  ['http://router.home.arpa/', /local host/],
  ['not a url', /not a valid URL/],
  ['', /empty/],
  ['http://', /not a valid URL/],
  [`https://api.x.com/${'a'.repeat(2100)}`, /longer than/],
];

describe('assertPublicUrl', () => {
  it.each(BAD_URLS)('refuses %s', (url, reason) => {
    expect(BAD_URLS.length).toBeGreaterThanOrEqual(30);
    let error: unknown;
    try {
      assertPublicUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect((error as UnsafeUrlError).reason).toMatch(reason);
    expect((error as UnsafeUrlError).code).toBe('UNSAFE_URL');
  });

  it.each([
    'https://api.x.com',
    'https://api.x.com:443/2',
    'https://API.X.com./',
    'http://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://proxy.example.com:8443/x-api',
  ])('accepts %s', (url) => {
    expect(assertPublicUrl(url)).toBeInstanceOf(URL);
  });

  it('lets trusted origins from configuration through, by exact origin only', () => {
    const trusted = ['http://127.0.0.1:4010'];
    expect(verdict('http://127.0.0.1:4010/2/users/1/mentions', trusted)).toBe('ok');
    expect(verdict('http://127.0.0.1:4011/', trusted)).toBe('refused');
    expect(verdict('https://127.0.0.1:4010/', trusted)).toBe('refused');
    expect(verdict('http://localhost:4010/', trusted)).toBe('refused');
    // Still no other scheme and no credentials, trusted or not.
    expect(verdict('http://user:pw@127.0.0.1:4010/', trusted)).toBe('refused');
  });

  it('never throws anything but UnsafeUrlError, whatever the input (1,000 runs each)', () => {
    const anyInput = fc.oneof(
      fc.string(),
      fc.webUrl({ withFragments: true, withQueryParameters: true }),
      fc.tuple(fc.constantFrom('http://', 'https://', 'file://', 'HTTP://', '//'), fc.string()).map(([a, b]) => a + b),
      fc.tuple(fc.ipV4Extended(), fc.string()).map(([ip, rest]) => `http://${ip}/${rest}`),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(['ok', 'refused']).toContain(verdict(input));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ minLength: 1 }), (url, user) => {
        const withUser = new URL(url);
        withUser.username = user;
        if (withUser.username) expect(verdict(withUser.href)).toBe('refused');
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('judges an IPv4 address the same in every notation, and only unicast passes (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const parts = ip.split('.').map(Number);
        const int = parts.reduce((acc, p) => acc * 256 + p, 0);
        const expected = ipaddr.parse(ip).range() === 'unicast' ? 'ok' : 'refused';
        const notations = [
          ip,
          String(int),
          `0x${int.toString(16)}`,
          parts.map((p) => `0${p.toString(8)}`).join('.'),
          `${parts[0]}.${parts[1]}.${parts[2]! * 256 + parts[3]!}`,
        ];
        for (const n of notations) expect({ n, v: verdict(`http://${n}/`) }).toEqual({ n, v: expected });
        expect(isPublicAddress(ip)).toBe(expected === 'ok');
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('IPv6: only unicast passes; IPv4-mapped forms of anything never do (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.ipV4(), (ip6, ip4) => {
        // Judged as the WHATWG parser normalises it (`::0.0.0.2` is `::2`), which is what a socket would use.
        const normalized = new URL(`http://[${ip6}]/`).hostname.slice(1, -1);
        const parsed = ipaddr.IPv6.parse(normalized);
        const expected = parsed.range() === 'unicast' && parsed.parts[0]! >= 0x100 ? 'ok' : 'refused';
        expect(verdict(`http://[${ip6}]/`)).toBe(expected);
        expect(isPublicAddress(normalized)).toBe(expected === 'ok');
        expect(verdict(`http://[::ffff:${ip4}]/`)).toBe('refused');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('pinnedLookup (DNS checked once, the socket gets the checked address)', () => {
  const lookup = (answers: ResolvedAddress[], options: { all?: boolean; family?: number } = {}) =>
    new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) => {
      pinnedLookup(() => Promise.resolve(answers))('host.example', options, (error, address, family) =>
        resolve({ error, address, ...(family === undefined ? {} : { family }) }),
      );
    });

  it('hands back exactly the resolved public addresses', async () => {
    const answers = [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ];
    expect(await lookup(answers)).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookup(answers, { all: true })).toEqual({ error: null, address: answers });
    expect(await lookup(answers, { family: 6 })).toMatchObject({ address: answers[1]!.address, family: 6 });
  });

  it('refuses a host when any answer is not public (a rebinding answer mixed with a public one)', async () => {
    const result = await lookup([
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ]);
    expect(result.error).toBeInstanceOf(UnsafeUrlError);
    expect(result.error?.message).toMatch(/host\.example resolves to a non-public address \(loopback\)/);
  });

  it('for any list of answers: refused iff one is not public, else the same addresses (1,000 runs)', async () => {
    const address = fc.oneof(
      fc.ipV4().map((a) => ({ address: a, family: 4 })),
      fc.ipV6().map((a) => ({ address: a, family: 6 })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(address, { minLength: 1, maxLength: 5 }), async (answers) => {
        const result = await lookup(answers, { all: true });
        if (answers.every((a) => isPublicAddress(a.address))) expect(result.address).toEqual(answers);
        else expect(result.error).toBeInstanceOf(UnsafeUrlError);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('guardedFetch', () => {
  const hits: { server: string; method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let trusted: http.Server;
  let other: http.Server;
  let trustedUrl: string;
  let otherUrl: string;

  function listen(name: string, handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hits.push({ server: name, method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        handler(req, res);
      });
    });
    return new Promise<http.Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
  }
  const urlOf = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const redirect = (res: http.ServerResponse, status: number, location: string) =>
    res.writeHead(status, { location }).end();

  beforeAll(async () => {
    other = await listen('other', (_req, res) => res.end('other'));
    otherUrl = urlOf(other);
    trusted = await listen('trusted', (req, res) => {
      const path = req.url ?? '/';
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (path === '/ok') res.writeHead(200, { 'content-type': 'application/json', 'x-a': '1' }).end('{"ok":true}');
      else if (path === '/empty') res.writeHead(204).end();
      else if (chain) {
        const n = Number(chain[1]);
        if (n === 0) res.end('end of chain');
        else redirect(res, 302, `/chain/${n - 1}`);
      } else if (path === '/to-metadata') redirect(res, 302, 'http://169.254.169.254/latest/meta-data/');
      else if (path === '/to-other') redirect(res, 307, `${otherUrl}/stolen`);
      else if (path === '/to-file') redirect(res, 302, 'file:///etc/passwd');
      else if (path === '/see-other') redirect(res, 303, '/ok');
      else if (path === '/to-localhost') redirect(res, 302, `http://localhost:${new URL(trustedUrl).port}/ok`);
      else if (path === '/hang') setTimeout(() => res.end('late'), 5_000);
      else res.writeHead(404).end();
    });
    trustedUrl = urlOf(trusted);
  });
  afterAll(async () => {
    trusted.closeAllConnections();
    other.closeAllConnections();
    await new Promise((r) => trusted.close(r));
    await new Promise((r) => other.close(r));
  });

  const policy = () => ({ trustedOrigins: [trustedUrl] });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsafeUrlError);
    return (error as UnsafeUrlError).reason;
  };

  it('fetches from a trusted origin and returns a standard Response', async () => {
    const res = await guardedFetch(`${trustedUrl}/ok`, policy());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-a')).toBe('1');
    expect(await res.json()).toEqual({ ok: true });
    const empty = await guardedFetch(`${trustedUrl}/empty`, policy());
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('refuses a loopback URL that is not trusted, without sending anything', async () => {
    const before = hits.length;
    expect(await refusal(guardedFetch(`${otherUrl}/x`, policy()))).toMatch(/loopback/);
    expect(hits.length).toBe(before);
  });

  it('follows up to 3 redirects and refuses a 4th', async () => {
    const res = await guardedFetch(`${trustedUrl}/chain/3`, policy());
    expect(await res.text()).toBe('end of chain');
    expect(await refusal(guardedFetch(`${trustedUrl}/chain/4`, policy()))).toMatch(/more than 3 redirects/);
    expect(await refusal(guardedFetch(`${trustedUrl}/chain/1`, { ...policy(), maxRedirects: 0 }))).toMatch(
      /more than 0 redirects/,
    );
  });

  it('re-checks every hop: a redirect to metadata, to an untrusted loopback or to file: is refused', async () => {
    expect(await refusal(guardedFetch(`${trustedUrl}/to-metadata`, policy()))).toMatch(/linkLocal/);
    expect(await refusal(guardedFetch(`${trustedUrl}/to-file`, policy()))).toMatch(/only http and https/);
    const before = hits.filter((h) => h.server === 'other').length;
    expect(await refusal(guardedFetch(`${trustedUrl}/to-other`, policy()))).toMatch(/loopback/);
    expect(hits.filter((h) => h.server === 'other').length).toBe(before);
    // `localhost` is another origin than the trusted 127.0.0.1 one: refused as well.
    expect(await refusal(guardedFetch(`${trustedUrl}/to-localhost`, policy()))).toMatch(/local host/);
  });

  it('drops credentials when a redirect changes origin, turns a 303 into a body-less GET', async () => {
    const both = { trustedOrigins: [trustedUrl, otherUrl] };
    await guardedFetch(`${trustedUrl}/to-other`, { ...both, headers: { authorization: 'Bearer secret', 'x-k': 'v' } });
    const stolen = hits.filter((h) => h.url === '/stolen').at(-1)!;
    expect(stolen.headers.authorization).toBeUndefined();
    expect(stolen.headers['x-k']).toBe('v');

    const res = await guardedFetch(`${trustedUrl}/see-other`, {
      ...policy(),
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer same-origin' },
      body: '{"a":1}',
    });
    expect(res.status).toBe(200);
    const followed = hits.filter((h) => h.url === '/ok').at(-1)!;
    expect(followed).toMatchObject({ method: 'GET', body: '' });
    expect(followed.headers['content-type']).toBeUndefined();
    expect(followed.headers.authorization).toBe('Bearer same-origin');
  });

  it('resolves DNS itself: a name that points at loopback is refused and never connected to', async () => {
    const port = new URL(otherUrl).port;
    const before = hits.length;
    const resolve = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    expect(await refusal(guardedFetch(`http://rebinding.example:${port}/`, { resolve }))).toMatch(
      /rebinding\.example resolves to a non-public address \(loopback\)/,
    );
    const mixed = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '10.1.2.3', family: 4 },
      ]);
    expect(await refusal(guardedFetch(`http://mixed.example:${port}/`, { resolve: mixed }))).toMatch(/private/);
    expect(hits.length).toBe(before);
  });

  it('a trusted origin named by host name resolves normally (the sandbox on localhost)', async () => {
    const local = `http://localhost:${new URL(trustedUrl).port}`;
    const res = await guardedFetch(`${local}/ok`, {
      trustedOrigins: [local],
      resolve: () => Promise.reject(new Error('the pinned resolver must not be used for a trusted origin')),
    });
    expect(res.status).toBe(200);
  });

  it('an abort rejects with the signal reason (TimeoutError), like fetch', async () => {
    const error = await guardedFetch(`${trustedUrl}/hang`, { ...policy(), signal: AbortSignal.timeout(150) }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
  });
});
