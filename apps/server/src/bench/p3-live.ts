import { createHmac } from 'node:crypto';
import { BENCH_CONSUMER_SECRET, BENCH_EMAIL, BENCH_PASSWORD, BENCH_X_USER_ID, type Dataset, xDate } from './dataset.ts';
import type { startServer } from './server-process.ts';

export interface LiveResult {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  missed: number;
}

/**
 * P3: a browser-like client signs in and subscribes to the live stream (tRPC over server-sent events); then
 * signed webhooks are sent one at a time, each from a new author (so it creates a conversation), and the time from
 * the webhook's 2xx to the `conversation.created` event on the stream is measured.
 */
export async function measureLive(
  server: Awaited<ReturnType<typeof startServer>>,
  ds: Dataset,
  samples: number,
): Promise<LiveResult> {
  const signIn = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-perch-csrf': '1' },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
  if (!signIn.ok || !cookie) throw new Error(`P3: sign-in failed (${signIn.status}) ${await signIn.text()}`);

  const input = encodeURIComponent(JSON.stringify({ organizationId: ds.organizationId, brandId: ds.brandId }));
  const controller = new AbortController();
  const stream = await fetch(`${server.url}/trpc/live.events?input=${input}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!stream.ok || !stream.body) throw new Error(`P3: subscription refused (${stream.status})`);

  const waiter: { onCreated: ((at: number) => void) | null } = { onCreated: null };
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of message.split('\n')) {
          if (!line.startsWith('data:')) continue;
          let data: unknown;
          try {
            data = JSON.parse(line.slice(5));
          } catch {
            continue;
          }
          const type = (data as { type?: string } | null)?.type;
          if (type === 'ready') ready();
          if (type === 'conversation.created') waiter.onCreated?.(performance.now());
        }
      }
    }
  })().catch(() => undefined);
  await Promise.race([
    isReady,
    new Promise((_, reject) => setTimeout(() => reject(new Error('P3: no ready event in 10 s')), 10_000)),
  ]);

  const base = BigInt(Date.now()) * 1_000_000n + 900_000n;
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < samples; i++) {
    const raw = JSON.stringify({
      for_user_id: BENCH_X_USER_ID,
      tweet_create_events: [
        {
          id_str: String(base + BigInt(i)),
          text: '@BenchAir my flight was cancelled and nobody answers',
          truncated: false,
          in_reply_to_status_id_str: null,
          is_quote_status: false,
          created_at: xDate(new Date()),
          user: {
            id_str: String(base + BigInt(i)),
            screen_name: `p3_${i}`,
            name: 'P3',
            followers_count: 10,
            verified: false,
          },
        },
      ],
    });
    const created = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      waiter.onCreated = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
    const res = await fetch(`${server.url}/webhooks/x/${ds.channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', BENCH_CONSUMER_SECRET).update(raw).digest('base64')}`,
      },
      body: raw,
    });
    const acked = performance.now();
    if (!res.ok) throw new Error(`P3: webhook answered ${res.status}`);
    const at = await created;
    waiter.onCreated = null;
    if (at === null) missed++;
    else latencies.push(Math.max(0, at - acked));
    await new Promise((r) => setTimeout(r, 50 + (i % 7) * 30));
  }
  controller.abort();
  await reading;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { samples, p50Ms: pick(0.5), p95Ms: pick(0.95), maxMs: latencies.at(-1) ?? NaN, missed };
}
