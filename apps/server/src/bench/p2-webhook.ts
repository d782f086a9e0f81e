import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { BENCH_CONSUMER_SECRET, BENCH_X_USER_ID, type Dataset, xDate } from './dataset.ts';
import type { startServer } from './server-process.ts';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  peakRssMb: number;
  /** When the measured run started and ended (to count what the server stored). */
  window: { from: Date; to: Date };
}

/**
 * Signed X Account Activity deliveries over HTTP against a running server: each request a new post (a real
 * insert), signed with the channel's consumer secret, acknowledged only after COMMIT.
 */
export async function loadWebhook(
  server: Awaited<ReturnType<typeof startServer>>,
  ds: Dataset,
  options: { seconds: number; connections: number; label: string },
): Promise<LoadResult> {
  let n = 0;
  // X ids are numeric strings: a per-run base keeps every post new (a real insert), never a duplicate.
  const base = BigInt(Date.now()) * 1_000_000n + BigInt(options.label.length) * 100_000n;
  const body = () => {
    n++;
    return JSON.stringify({
      for_user_id: BENCH_X_USER_ID,
      tweet_create_events: [
        {
          id_str: String(base + BigInt(n)),
          text: `@BenchAir flight BA${n % 900} delayed again, nobody at the gate knows anything`,
          truncated: false,
          in_reply_to_status_id_str: null,
          is_quote_status: false,
          created_at: xDate(new Date()),
          user: {
            id_str: String(880_000_000 + (n % 5000)),
            screen_name: `p2_user_${n % 5000}`,
            name: 'P2 User',
            followers_count: n % 900,
            verified: false,
          },
        },
      ],
    });
  };
  let peakRssMb = server.rssMb();
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, server.rssMb())), 500);
  const from = new Date();
  const result = await autocannon({
    url: `${server.url}/webhooks/x/${ds.channelId}`,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (req) => {
          const raw = body();
          const signature = `sha256=${createHmac('sha256', BENCH_CONSUMER_SECRET).update(raw).digest('base64')}`;
          return {
            ...req,
            body: raw,
            headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
          };
        },
      },
    ],
  });
  clearInterval(sampler);
  const to = new Date();
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssMb,
    window: { from, to },
  };
}
