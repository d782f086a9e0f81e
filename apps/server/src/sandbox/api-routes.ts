import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { registerDmRoutes } from './api-dms.ts';
import { answer, guard, injectedFault, type ApiContext } from './api-guard.ts';
import { ParamError, listParam, type Query } from './api-params.ts';
import { readMentions } from './mentions.ts';
import { isId } from './snowflake.ts';
import { MAX_WEIGHTED_LENGTH, weightedLength } from './tweet-length.ts';
import { readUserTweets } from './user-tweets.ts';
import { problems, sendInvalidRequest, sendRequestError } from './x-errors.ts';
import { USER_FIELDS, v2User } from './x-format.ts';

/**
 * The X API v2 surface Perch's connector uses: the mentions timeline, posting a reply, the user's own posts (to
 * find out whether a post whose answer was lost exists), direct messages, and the two user lookups a connector
 * needs to find the brand's id. Every route runs `guard` first (auth, rate limit, faults).
 */

const postBody = z.object({
  text: z.string().optional(),
  reply: z
    .object({ in_reply_to_tweet_id: z.string(), exclude_reply_user_ids: z.array(z.string()).optional() })
    .optional(),
  quote_tweet_id: z.string().optional(),
});

export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { state } = ctx;

  app.addHook('onResponse', (request, reply, done) => {
    state.logApiRequest({
      at: state.now(),
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      fault: injectedFault.get(request) ?? null,
    });
    done();
  });
  // Malformed JSON and the like: X's 400 shape rather than Fastify's.
  app.setErrorHandler((error: { message?: string; statusCode?: number }, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500)
      return sendInvalidRequest(reply, 'body', '', error.message ?? 'Invalid request body');
    return reply.code(500).send(problems.serverError(500));
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/2/users/:id/mentions', async (request, reply) => {
    if (!(await guard(ctx, request, reply, 'mentions'))) return reply;
    const { id } = request.params;
    if (!isId(id)) return sendInvalidRequest(reply, 'id', id, `The \`id\` query parameter value [${id}] is not valid`);
    if (!state.accounts.has(id)) return reply.send(userNotFound('id', id));
    return withParams(reply, () => readMentions(state, id, request.query));
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/2/users/:id/tweets', async (request, reply) => {
    const auth = await guard(ctx, request, reply, 'timeline');
    if (!auth) return reply;
    const { id } = request.params;
    if (!isId(id)) return sendInvalidRequest(reply, 'id', id, `The \`id\` query parameter value [${id}] is not valid`);
    if (!state.accounts.has(id)) return reply.send(userNotFound('id', id));
    return withParams(reply, () => readUserTweets(state, id, request.query));
  });

  app.post<{ Body: unknown }>('/2/tweets', async (request, reply) => {
    const auth = await guard(ctx, request, reply, 'tweets', { write: true });
    if (!auth) return reply;
    if (auth.userId === null) return sendRequestError(reply, problems.unsupportedAuthentication());
    const parsed = postBody.safeParse(request.body);
    if (!parsed.success) return sendInvalidRequest(reply, 'body', '', parsed.error.issues[0]?.message ?? 'invalid');
    const { reply: replyTo, quote_tweet_id: quoteId } = parsed.data;
    const text = (parsed.data.text ?? '').normalize('NFC');
    if (text.trim() === '') return sendInvalidRequest(reply, 'text', text, 'Tweet text is empty');
    if (weightedLength(text, replyTo !== undefined) > MAX_WEIGHTED_LENGTH)
      return sendInvalidRequest(
        reply,
        'text',
        text,
        'Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.',
      );
    for (const ref of [replyTo?.in_reply_to_tweet_id, quoteId])
      if (ref !== undefined && !state.liveTweet(ref))
        return sendRequestError(
          reply,
          problems.forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.'),
        );
    if (ctx.rejectDuplicateText && state.timelineOf(auth.userId).some((t) => t.text === text))
      return sendRequestError(
        reply,
        problems.forbidden('You are not allowed to create a Tweet with duplicate content.'),
      );
    const tweet = state.postTweet({
      authorId: auth.userId,
      text,
      inReplyToTweetId: replyTo?.in_reply_to_tweet_id ?? null,
      quotedTweetId: quoteId ?? null,
      via: 'api',
    });
    return answer(ctx, request, reply, auth, 201, {
      data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] },
    });
  });

  registerDmRoutes(app, ctx);

  app.get<{ Querystring: Query }>('/2/users/me', async (request, reply) => {
    const auth = await guard(ctx, request, reply, 'users');
    if (!auth) return reply;
    if (auth.userId === null) return sendRequestError(reply, problems.unsupportedAuthentication());
    const account = state.accounts.get(auth.userId);
    if (!account) return reply.send(userNotFound('id', auth.userId));
    return withParams(reply, () => ({
      data: v2User(account, listParam(request.query, 'user.fields', USER_FIELDS), state.timelineOf(account.id).length),
    }));
  });

  app.get<{ Params: { username: string }; Querystring: Query }>(
    '/2/users/by/username/:username',
    async (request, reply) => {
      if (!(await guard(ctx, request, reply, 'users'))) return reply;
      const account = state.accountByUsername(request.params.username);
      if (!account) return reply.send(userNotFound('username', request.params.username));
      return withParams(reply, () => ({
        data: v2User(
          account,
          listParam(request.query, 'user.fields', USER_FIELDS),
          state.timelineOf(account.id).length,
        ),
      }));
    },
  );
}

function withParams(reply: FastifyReply, build: () => unknown): FastifyReply {
  try {
    return reply.send(build());
  } catch (error) {
    if (error instanceof ParamError) return sendInvalidRequest(reply, error.parameter, error.value, error.message);
    throw error;
  }
}

/** X answers a lookup of an unknown user with 200 and an `errors[]` entry, not a 404. */
function userNotFound(parameter: 'id' | 'username', value: string) {
  return {
    errors: [
      {
        value,
        detail: `Could not find user with ${parameter}: [${value}].`,
        title: 'Not Found Error',
        resource_type: 'user',
        parameter,
        resource_id: value,
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ],
  };
}
