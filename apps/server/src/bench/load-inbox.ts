import autocannon from 'autocannon';
import { BENCH_EMAIL, BENCH_PASSWORD, type Dataset } from './dataset.ts';
import type { startServer } from './server-process.ts';

export interface HttpLoad {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  peakRssMb: number;
}

export interface InboxLoadResult {
  /** The agent's inbox over HTTP: list pages of four views and the view counts, signed in, as the web asks. */
  inbox: HttpLoad;
  /** Baseline in the same run: `/healthz` on the same server (the HTTP stack, no query). */
  healthz: HttpLoad;
  /** inbox p99 / healthz p99: what the inbox's queries add under the same load. */
  p99VsHealthz: number;
  connections: number;
  seconds: number;
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** Signs the bench manager in over HTTP; returns the session cookie. */
async function signIn(server: Server): Promise<string> {
  const res = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-perch-csrf': '1' },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`inbox load: sign-in failed (${res.status}) ${await res.text()}`);
  return cookie;
}

async function load(
  server: Server,
  paths: string[],
  headers: Record<string, string>,
  seconds: number,
  connections: number,
) {
  let peakRssMb = server.rssMb();
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, server.rssMb())), 500);
  let i = 0;
  try {
    const result = await autocannon({
      url: server.url,
      connections,
      duration: seconds,
      timeout: 10,
      headers,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    });
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      peakRssMb,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Load on the inbox procedures over HTTP with autocannon (issue #8): a signed-in manager's list pages (All open,
 * Unassigned, New, Resolved; 50 rows, priority and newest sorts) and the view counts, round-robin, on the data
 * set's brand; then `/healthz` under the same load as the baseline. Reports throughput, p50/p99 and the
 * server's peak memory (P11).
 */
export async function loadInbox(
  server: Server,
  ds: Dataset,
  options: { seconds: number; connections: number },
): Promise<InboxLoadResult> {
  const cookie = await signIn(server);
  const q = (procedure: string, input: object) =>
    `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const scope = { organizationId: ds.organizationId };
  const paths = [
    ...(['all_open', 'unassigned', 'new', 'resolved'] as const).flatMap((view) =>
      (['priority', 'newest'] as const).map((sort) =>
        q('inbox.list', { ...scope, view, sort, limit: 50, filters: { brandIds: [ds.brandId] } }),
      ),
    ),
    q('inbox.counts', { ...scope, brandId: ds.brandId }),
  ];
  // Every path answers 200 before the load (a wrong input would measure error pages).
  for (const path of paths) {
    const res = await fetch(server.url + path, { headers: { cookie } });
    if (!res.ok) throw new Error(`inbox load: ${path} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
  await load(server, paths, { cookie }, 2, options.connections); // warm-up
  const inbox = await load(server, paths, { cookie }, options.seconds, options.connections);
  const healthz = await load(server, ['/healthz'], {}, options.seconds, options.connections);
  return { inbox, healthz, p99VsHealthz: inbox.p99Ms / Math.max(healthz.p99Ms, 1), ...options };
}
