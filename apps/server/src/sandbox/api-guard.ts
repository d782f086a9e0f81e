import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultController } from './faults.ts';
import {
  PER_USER_BUCKETS,
  setRateLimitHeaders,
  type Endpoint,
  type RateBucket,
  type RateLimiter,
} from './rate-limit.ts';
import type { SandboxState } from './state.ts';
import { problems, sendProblem, sendRequestError } from './x-errors.ts';

/**
 * What every /2 request goes through before its handler, in X's order: authentication (401), the rate limit
 * (headers on every answer, 429 when spent), then the injected faults (latency, timeout, 5xx, 429, 403). A lost
 * response is the one fault applied after the handler: the write is carried out, then `answer` never answers.
 */
export interface ApiContext {
  state: SandboxState;
  limiter: RateLimiter;
  faults: FaultController;
  /** Aborted when the sandbox closes: hanging and delayed requests let go at once. */
  closing: AbortSignal;
  /** Refuse a post whose text equals one of the user's live posts (X's "duplicate content" 403). */
  rejectDuplicateText: boolean;
}

export interface ApiAuth {
  token: string;
  /** Null for an app-only bearer token. */
  userId: string | null;
  /** The lost-response fault: the handler does its work, then `answer` leaves the request hanging. */
  loseResponse: boolean;
}

export interface GuardOptions {
  /** The rate-limit budget, when it is not the endpoint's own (DM reads, app-only timeline reads). */
  bucket?: RateBucket;
  /** The request creates something: only writes can lose their answer. */
  write?: boolean;
}

/** Fault names for the request log (a hijacked, hanging request never reaches onResponse). */
export const injectedFault = new WeakMap<FastifyRequest, string>();

/** Returns the caller, or null when an answer was already sent (or the request is left hanging). */
export async function guard(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: Endpoint,
  options: GuardOptions = {},
): Promise<ApiAuth | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  const token = match?.[1];
  const registered = token === undefined ? undefined : ctx.state.tokens.get(token);
  if (token === undefined || !registered) {
    void sendProblem(reply, problems.unauthorized());
    return null;
  }
  const auth: ApiAuth = { token, userId: registered.userId, loseResponse: false };
  // X gives app-only tokens a larger user-timeline budget than user tokens.
  const bucket = options.bucket ?? (endpoint === 'timeline' && auth.userId === null ? 'timeline_app' : endpoint);
  // Writes count against the user (X: per-user post limits), reads against the token.
  const key = PER_USER_BUCKETS.has(bucket) && auth.userId ? `user:${auth.userId}` : `token:${token}`;
  const status = ctx.limiter.consume(bucket, key);
  setRateLimitHeaders(reply, status);
  if (!status.allowed) {
    void sendProblem(reply, problems.tooManyRequests());
    return null;
  }

  const decision = ctx.faults.decide(endpoint, options.write ?? false);
  if (decision.latencyMs > 0)
    await sleep(decision.latencyMs, undefined, { signal: ctx.closing }).catch(() => undefined);
  // A lost response is logged when it is applied (see `answer`).
  if (decision.fault && decision.fault !== 'lost') injectedFault.set(request, decision.fault);
  switch (decision.fault) {
    case null:
      return auth;
    case 'timeout':
      await hang(ctx, request, reply, 'timeout');
      return null;
    case 'lost':
      auth.loseResponse = true;
      return auth;
    case '5xx':
      void sendProblem(reply, problems.serverError(decision.status));
      return null;
    case '429':
      setRateLimitHeaders(reply, { ...ctx.limiter.peek(bucket, key), remaining: 0 });
      void sendProblem(reply, problems.tooManyRequests());
      return null;
    case '4xx':
      void sendRequestError(reply, problems.forbidden('You are not permitted to perform this action.'));
      return null;
  }
}

/** Sends a successful answer, unless the lost-response fault picked this request: then the client waits in vain. */
export async function answer(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  auth: ApiAuth,
  status: number,
  body: unknown,
): Promise<FastifyReply> {
  if (auth.loseResponse) {
    ctx.faults.injected.lost += 1;
    await hang(ctx, request, reply, 'lost');
    return reply;
  }
  return reply.code(status).send(body);
}

/** Never answers: waits for the client to give up (or the sandbox to close), then drops the connection. */
async function hang(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  fault: 'timeout' | 'lost',
): Promise<void> {
  reply.hijack();
  ctx.state.logApiRequest({
    at: ctx.state.now(),
    method: request.method,
    url: request.url,
    status: 0,
    fault,
  });
  await new Promise<void>((resolve) => {
    const done = () => {
      ctx.closing.removeEventListener('abort', done);
      resolve();
    };
    reply.raw.once('close', done);
    ctx.closing.addEventListener('abort', done);
    if (reply.raw.destroyed || ctx.closing.aborted) done();
  });
  reply.raw.destroy();
}
