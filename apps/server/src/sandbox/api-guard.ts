import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultController } from './faults.ts';
import { setRateLimitHeaders, type Endpoint, type RateLimiter } from './rate-limit.ts';
import type { SandboxState } from './state.ts';
import { problems, sendProblem, sendRequestError } from './x-errors.ts';

/**
 * What every /2 request goes through before its handler, in X's order: authentication (401), the rate limit
 * (headers on every answer, 429 when spent), then the injected faults (latency, timeout, 5xx, 429, 403).
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
}

/** Fault names for the request log (a hijacked, hanging request never reaches onResponse). */
export const injectedFault = new WeakMap<FastifyRequest, string>();

/** Returns the caller, or null when an answer was already sent (or the request is left hanging). */
export async function guard(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: Endpoint,
): Promise<ApiAuth | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  const token = match?.[1];
  const registered = token === undefined ? undefined : ctx.state.tokens.get(token);
  if (token === undefined || !registered) {
    void sendProblem(reply, problems.unauthorized());
    return null;
  }
  const auth: ApiAuth = { token, userId: registered.userId };
  // Writes count against the user (X: per-user post limits), reads against the token.
  const key = endpoint === 'tweets' && auth.userId ? `user:${auth.userId}` : `token:${token}`;
  const status = ctx.limiter.consume(endpoint, key);
  setRateLimitHeaders(reply, status);
  if (!status.allowed) {
    void sendProblem(reply, problems.tooManyRequests());
    return null;
  }

  const decision = ctx.faults.decide(endpoint);
  if (decision.latencyMs > 0)
    await sleep(decision.latencyMs, undefined, { signal: ctx.closing }).catch(() => undefined);
  if (decision.fault) injectedFault.set(request, decision.fault);
  switch (decision.fault) {
    case null:
      return auth;
    case 'timeout':
      await hang(ctx, request, reply);
      return null;
    case '5xx':
      void sendProblem(reply, problems.serverError(decision.status));
      return null;
    case '429':
      setRateLimitHeaders(reply, { ...ctx.limiter.peek(endpoint, key), remaining: 0 });
      void sendProblem(reply, problems.tooManyRequests());
      return null;
    case '4xx':
      void sendRequestError(reply, problems.forbidden('You are not permitted to perform this action.'));
      return null;
  }
}

/** Never answers: waits for the client to give up (or the sandbox to close), then drops the connection. */
async function hang(ctx: ApiContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.hijack();
  ctx.state.logApiRequest({
    at: ctx.state.now(),
    method: request.method,
    url: request.url,
    status: 0,
    fault: 'timeout',
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
