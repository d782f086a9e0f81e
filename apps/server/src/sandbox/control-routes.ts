import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { faultSettingsSchema, type FaultController } from './faults.ts';
import { RATE_BUCKETS, type RateBucket, type RateLimiter } from './rate-limit.ts';
import { compareIds, isId } from './snowflake.ts';
import { SandboxConflict, type Account, type DirectMessage, type SandboxState, type Tweet } from './state.ts';
import type { WebhookDispatcher } from './webhook-delivery.ts';
import { v2Date } from './x-format.ts';

/**
 * The sandbox's own control plane under /sandbox: what X does through its website and its users (accounts,
 * customers posting, deletions, webhook registration) plus what only a test double has (faults, limits, the
 * record of deliveries and requests). No auth: it listens on loopback by default.
 */
export interface ControlContext {
  state: SandboxState;
  webhooks: WebhookDispatcher;
  faults: FaultController;
  limiter: RateLimiter;
}

const id = z.string().refine(isId, 'not an id');
const accountBody = z.object({
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, 'X usernames are 1–15 letters, digits or underscores'),
  name: z.string().min(1).max(50).optional(),
  followers: z.number().int().min(0).default(0),
  following: z.number().int().min(0).default(0),
  verified: z.boolean().default(false),
  kind: z.enum(['brand', 'customer']).default('customer'),
  /** Registers a user-context API token acting as this account, in the same call. */
  token: z.string().min(1).optional(),
});
const customerTweetBody = z.object({
  // Long posts (X Premium, up to 25,000) are allowed from customers so the truncated v1.1 form gets exercised.
  text: z.string().min(1).max(25_000),
  in_reply_to_tweet_id: id.optional(),
  quote_tweet_id: id.optional(),
  lang: z.string().max(8).optional(),
});
const webhookBody = z.object({ url: z.url(), consumerSecret: z.string().min(1), forUserId: id });
const rateLimitsBody = z.strictObject(
  Object.fromEntries(RATE_BUCKETS.map((bucket) => [bucket, z.number().int().min(0).optional()])) as Record<
    RateBucket,
    z.ZodOptional<z.ZodNumber>
  >,
);

const bad = (reply: FastifyReply, status: number, error: string, message: string) =>
  reply.code(status).send({ error, message });

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  void bad(reply, 400, 'invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  return undefined;
}

export function registerControlRoutes(app: FastifyInstance, ctx: ControlContext): void {
  const { state, webhooks, faults, limiter } = ctx;
  const accountView = (a: Account) => ({ ...a, createdAt: v2Date(a.createdAt) });

  app.get('/sandbox/health', () => ({
    status: 'ok',
    accounts: state.accounts.size,
    tweets: state.tweets.size,
    webhooks: webhooks.webhooks.size,
  }));

  app.post('/sandbox/accounts', (request, reply) => {
    const body = parse(accountBody, request.body, reply);
    if (!body) return reply;
    const { token, ...input } = body;
    try {
      const account = state.createAccount({ ...input, name: input.name ?? input.username });
      if (token) state.registerToken(token, account.id);
      return reply.code(201).send({ id: account.id, username: account.username });
    } catch (error) {
      if (error instanceof SandboxConflict) return bad(reply, 409, 'conflict', error.message);
      throw error;
    }
  });

  app.get<{ Querystring: { username?: string; kind?: string } }>('/sandbox/accounts', (request) => {
    const { username, kind } = request.query;
    const all = username ? [state.accountByUsername(username)].filter((a) => a !== undefined) : state.accounts.values();
    return { data: [...all].filter((a) => !kind || a.kind === kind).map(accountView) };
  });

  app.post('/sandbox/tokens', (request, reply) => {
    const body = parse(
      z.object({ token: z.string().min(1), userId: id.nullable().default(null) }),
      request.body,
      reply,
    );
    if (!body) return reply;
    if (body.userId !== null && !state.accounts.has(body.userId))
      return bad(reply, 404, 'not_found', 'no such account');
    state.registerToken(body.token, body.userId);
    return reply.code(201).send(body);
  });

  app.post<{ Params: { id: string } }>('/sandbox/customers/:id/tweets', (request, reply) => {
    const author = state.accounts.get(request.params.id);
    if (!author) return bad(reply, 404, 'not_found', 'no such account');
    const body = parse(customerTweetBody, request.body, reply);
    if (!body) return reply;
    for (const ref of [body.in_reply_to_tweet_id, body.quote_tweet_id])
      if (ref !== undefined && !state.liveTweet(ref)) return bad(reply, 404, 'not_found', `no live post ${ref}`);
    const tweet = state.postTweet({
      authorId: author.id,
      text: body.text,
      inReplyToTweetId: body.in_reply_to_tweet_id ?? null,
      quotedTweetId: body.quote_tweet_id ?? null,
      lang: body.lang ?? null,
      via: 'sandbox',
    });
    return reply
      .code(201)
      .send({ data: { id: tweet.id, text: tweet.text, mentioned_user_ids: tweet.mentionedUserIds } });
  });

  app.delete<{ Params: { id: string } }>('/sandbox/tweets/:id', (request, reply) => {
    const tweet = state.deleteTweet(request.params.id);
    return tweet ? { deleted: true, id: tweet.id } : bad(reply, 404, 'not_found', 'no live post with that id');
  });

  app.get<{ Params: { userId: string }; Querystring: { since_id?: string } }>(
    '/sandbox/timeline/:userId',
    (request, reply) => {
      if (!state.accounts.has(request.params.userId)) return bad(reply, 404, 'not_found', 'no such account');
      const since = request.query.since_id;
      const after = (t: Tweet) => !since || compareIds(t.id, since) > 0;
      const posts = state.timelineOf(request.params.userId).filter(after);
      // Counted over deleted posts too: a double reply that was deleted afterwards was still seen.
      const everyPost = state.everyPostOf(request.params.userId).filter(after);
      return {
        data: posts.map(timelineView),
        meta: { result_count: posts.length, duplicate_replies: duplicates(everyPost) },
      };
    },
  );

  app.get<{ Querystring: { user_id?: string } }>('/sandbox/dms', (request, reply) => {
    const userId = request.query.user_id ?? '';
    if (!state.accounts.has(userId)) return bad(reply, 404, 'not_found', 'no such account (user_id)');
    const messages = state.directMessagesOf(userId);
    return {
      data: messages.map(dmView),
      meta: { result_count: messages.length, duplicate_messages: duplicateMessages(messages) },
    };
  });

  app.post('/sandbox/webhooks', async (request, reply) => {
    const body = parse(webhookBody, request.body, reply);
    if (!body) return reply;
    if (!state.accounts.has(body.forUserId)) return bad(reply, 404, 'not_found', 'no such account');
    const { webhook, check } = await webhooks.register(body);
    if (!webhook) return reply.code(400).send({ error: 'crc_failed', message: check.error, crc: check });
    return reply.code(201).send({ id: webhook.id, valid: webhook.valid, crc: check });
  });

  app.get('/sandbox/webhooks', () => ({
    data: [...webhooks.webhooks.values()].map(({ consumerSecret: _secret, ...w }) => w),
  }));

  app.put<{ Params: { id: string } }>('/sandbox/webhooks/:id', async (request, reply) => {
    const check = await webhooks.revalidate(request.params.id);
    return check ? { valid: check.ok, crc: check } : bad(reply, 404, 'not_found', 'no such webhook');
  });

  app.delete<{ Params: { id: string } }>('/sandbox/webhooks/:id', (request, reply) =>
    webhooks.remove(request.params.id) ? { deleted: true } : bad(reply, 404, 'not_found', 'no such webhook'),
  );

  app.get<{ Querystring: { webhook_id?: string; state?: string; tweet_id?: string } }>(
    '/sandbox/deliveries',
    (request) => {
      const q = request.query;
      const data = webhooks.deliveries.filter(
        (d) =>
          (!q.webhook_id || d.webhookId === q.webhook_id) &&
          (!q.state || d.state === q.state) &&
          (!q.tweet_id || d.tweetId === q.tweet_id),
      );
      return { data };
    },
  );

  app.get('/sandbox/faults', () => ({ faults: faults.get(), injected: faults.injected }));
  app.post('/sandbox/faults', (request, reply) => {
    const body = parse(faultSettingsSchema.partial(), request.body, reply);
    return body ? { faults: faults.set(body) } : reply;
  });
  app.delete('/sandbox/faults', () => ({ faults: faults.reset() }));

  app.get('/sandbox/rate-limits', () => ({ limits: limiter.getLimits() }));
  /** Changes limits and starts fresh windows, so a test can reach a 429 in a few calls. */
  app.post('/sandbox/rate-limits', (request, reply) => {
    const body = parse(rateLimitsBody, request.body, reply);
    if (!body) return reply;
    limiter.setLimits(Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
    limiter.clear();
    return { limits: limiter.getLimits() };
  });

  app.get('/sandbox/requests', () => ({
    data: state.apiLog.map((e) => ({ ...e, at: v2Date(e.at) })),
  }));
}

function timelineView(t: Tweet) {
  return {
    id: t.id,
    text: t.text,
    created_at: v2Date(t.createdAt),
    in_reply_to_tweet_id: t.inReplyToTweetId,
    in_reply_to_user_id: t.inReplyToUserId,
    quoted_tweet_id: t.quotedTweetId,
    conversation_id: t.conversationId,
    via: t.via,
  };
}

function dmView(m: DirectMessage) {
  return {
    id: m.id,
    dm_conversation_id: m.conversationId,
    sender_id: m.senderId,
    recipient_id: m.recipientId,
    text: m.text,
    created_at: v2Date(m.createdAt),
  };
}

/** The same text sent more than once by the same sender to the same recipient: a double send of a DM. */
function duplicateMessages(
  messages: DirectMessage[],
): { sender_id: string; recipient_id: string; text: string; count: number }[] {
  const counts = new Map<string, { sender_id: string; recipient_id: string; text: string; count: number }>();
  for (const m of messages) {
    const key = `${m.senderId}\u0000${m.recipientId}\u0000${m.text}`;
    const entry = counts.get(key) ?? { sender_id: m.senderId, recipient_id: m.recipientId, text: m.text, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((e) => e.count > 1);
}

/** Posts that answer the same post more than once: a double send shows up here. */
function duplicates(posts: Tweet[]): { in_reply_to_tweet_id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of posts)
    if (t.inReplyToTweetId) counts.set(t.inReplyToTweetId, (counts.get(t.inReplyToTweetId) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([tweetId, count]) => ({ in_reply_to_tweet_id: tweetId, count }));
}
