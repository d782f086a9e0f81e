import { createHmac } from 'node:crypto';
import { xDate } from '../bench/dataset.ts';

/**
 * The sender of the R1 run: N signed X Account Activity deliveries (one new post each) to Perch's webhook over
 * HTTP. Like X, it sends the same signed body again until it gets a 2xx: refused connections (the server is
 * down), resets (killed mid-request), 5xx (the database is restarting) and timeouts are all retried, with
 * capped exponential back-off and jitter.
 */
export interface SenderOptions {
  url: string;
  consumerSecret: string;
  /** The brand's X user id (`for_user_id`). */
  forUserId: string;
  brandHandle: string;
  count: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Sends are spread evenly over this long (the faults fall while mentions are still arriving). */
  spreadMs: number;
  /** Distinct customers the posts come from. */
  customers: number;
  /** Per attempt. */
  timeoutMs: number;
  progress: (line: string) => void;
}

export interface SenderReport {
  mentions: number;
  /** The X post ids sent, all acknowledged with a 2xx. */
  ids: string[];
  attempts: number;
  retried: number;
  maxAttemptsForOne: number;
  failures: { refused: number; reset: number; timeout: number; status5xx: number; otherStatus: number };
  otherStatuses: Record<string, number>;
  sendSeconds: number;
  /** When the last delivery was acknowledged (epoch ms). */
  lastAckAt: number;
}

/** Posts ids as X writes them: 19-digit decimal strings, unique per run. */
export function postIds(count: number, runSeed: number): string[] {
  const base = 1_900_000_000_000_000_000n + BigInt(runSeed % 1_000_000) * 10_000_000n;
  return Array.from({ length: count }, (_, i) => String(base + BigInt(i)));
}

export async function sendMentions(options: SenderOptions, ids: string[]): Promise<SenderReport> {
  const failures = { refused: 0, reset: 0, timeout: 0, status5xx: 0, otherStatus: 0 };
  const otherStatuses: Record<string, number> = {};
  let attempts = 0;
  let retried = 0;
  let maxAttemptsForOne = 0;
  let acked = 0;
  let lastAckAt = 0;
  const started = Date.now();

  const deliver = async (i: number) => {
    const body = deliveryBody(options, ids[i]!, i);
    const signature = `sha256=${createHmac('sha256', options.consumerSecret).update(body).digest('base64')}`;
    for (let attempt = 1; ; attempt++) {
      attempts += 1;
      const outcome = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signature },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      }).then(
        async (res) => {
          await res.arrayBuffer().catch(() => undefined);
          return res.status;
        },
        (error: unknown) => classify(error),
      );
      if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
        maxAttemptsForOne = Math.max(maxAttemptsForOne, attempt);
        if (attempt > 1) retried += 1;
        acked += 1;
        lastAckAt = Date.now();
        if (acked % 1000 === 0) options.progress(`${acked} mentions acknowledged`);
        return;
      }
      if (typeof outcome === 'number') {
        if (outcome >= 500) failures.status5xx += 1;
        else {
          failures.otherStatus += 1;
          otherStatuses[outcome] = (otherStatuses[outcome] ?? 0) + 1;
        }
      } else failures[outcome] += 1;
      // 50 ms, 100 ms … capped at 2 s, with full jitter: a restarting server is not hammered in lockstep.
      const cap = Math.min(2_000, 50 * 2 ** Math.min(attempt - 1, 6));
      await new Promise((r) => setTimeout(r, cap / 2 + (Math.random() * cap) / 2));
    }
  };

  let next = 0;
  const lane = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const due = started + (options.spreadMs * i) / ids.length;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      await deliver(i);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return {
    mentions: ids.length,
    ids,
    attempts,
    retried,
    maxAttemptsForOne,
    failures,
    otherStatuses,
    sendSeconds: (Date.now() - started) / 1000,
    lastAckAt,
  };
}

function classify(error: unknown): 'refused' | 'reset' | 'timeout' {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  if (e.cause?.code === 'ECONNREFUSED') return 'refused';
  return 'reset';
}

/** One new post by one of the customers, as X's Account Activity API delivers it. */
function deliveryBody(options: SenderOptions, id: string, i: number): string {
  const customer = i % options.customers;
  return JSON.stringify({
    for_user_id: options.forUserId,
    tweet_create_events: [
      {
        id_str: id,
        text: `@${options.brandHandle} flight R1${i % 900} delayed again, nobody at the gate knows anything (#${i})`,
        truncated: false,
        in_reply_to_status_id_str: null,
        is_quote_status: false,
        created_at: xDate(new Date()),
        user: {
          id_str: String(770_000_000 + customer),
          screen_name: `r1_customer_${customer}`,
          name: `R1 Customer ${customer}`,
          followers_count: 100 + customer,
          verified: false,
        },
        lang: 'en',
      },
    ],
  });
}
