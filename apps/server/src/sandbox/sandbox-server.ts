import Fastify, { type FastifyBaseLogger } from 'fastify';
import { registerApiRoutes } from './api-routes.ts';
import { registerControlRoutes } from './control-routes.ts';
import { FaultController } from './faults.ts';
import { createPrng } from './prng.ts';
import { DEFAULT_RATE_WINDOW_MS, RateLimiter, type RateBucket } from './rate-limit.ts';
import { SandboxState } from './state.ts';
import { WebhookDispatcher, type WebhookOptions } from './webhook-delivery.ts';

/**
 * The sandbox network: a local stand-in for the X API (mentions timeline, posting, Account Activity webhooks)
 * with a control plane, so Perch's whole ingest → reply loop runs on a laptop. It is its own Fastify app on its own
 * port, sharing nothing with Perch's server, exactly as X would be.
 */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The network's clock (ids, created_at, rate-limit windows); timers (retries, CRC) use real time. */
  now?: () => number;
  /** Seeds every random decision (faults, CRC tokens): same seed, same run. */
  seed?: number;
  /** API tokens accepted from the start; `userId` null (or absent) for an app-only bearer token. */
  tokens?: { token: string; userId?: string | null }[];
  rateLimits?: Partial<Record<RateBucket, number>>;
  rateLimitWindowMs?: number;
  webhooks?: Partial<WebhookOptions>;
  /** Refuse a post identical to one of the user's live posts, as X does (off by default: canned replies repeat). */
  rejectDuplicateText?: boolean;
  /** Request logging (off by default; the CLI passes a pino logger). */
  logger?: FastifyBaseLogger;
}

export interface Sandbox {
  url: string;
  close(): Promise<void>;
  state: SandboxState;
  faults: FaultController;
  webhooks: WebhookDispatcher;
  limiter: RateLimiter;
}

export async function createSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const now = opts.now ?? Date.now;
  const prng = createPrng(opts.seed ?? 1);
  const state = new SandboxState(now);
  for (const t of opts.tokens ?? []) state.registerToken(t.token, t.userId ?? null);
  const faults = new FaultController(prng.fork());
  const limiter = new RateLimiter(opts.rateLimits ?? {}, opts.rateLimitWindowMs ?? DEFAULT_RATE_WINDOW_MS, now);
  const webhooks = new WebhookDispatcher(state, opts.webhooks ?? {}, prng.fork());
  const closing = new AbortController();
  state.onTweetCreated((tweet) => webhooks.tweetCreated(tweet));
  state.onTweetDeleted((tweet) => webhooks.tweetDeleted(tweet));

  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // Hanging requests (timeout faults) and keep-alive sockets must not hold close() open.
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
  });
  // Two encapsulated scopes: the /2 API has X's error handler and request log, the control plane does not.
  await app.register((api, _opts, done) => {
    registerApiRoutes(api, {
      state,
      limiter,
      faults,
      closing: closing.signal,
      rejectDuplicateText: opts.rejectDuplicateText ?? false,
    });
    done();
  });
  await app.register((control, _opts, done) => {
    registerControlRoutes(control, { state, webhooks, faults, limiter });
    done();
  });

  let address: string;
  try {
    address = await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  } catch (error) {
    webhooks.close(); // its periodic CRC timer would otherwise keep the process alive (port taken, say)
    await app.close();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    url: address,
    state,
    faults,
    webhooks,
    limiter,
    close: () =>
      (closed ??= (async () => {
        closing.abort();
        webhooks.close();
        await app.close();
      })()),
  };
}
