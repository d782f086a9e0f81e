import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { answer, guard, type ApiContext } from './api-guard.ts';
import { ParamError, encodePageToken, intParam, listParam, pageTokenParam, type Query } from './api-params.ts';
import { compareIds, isId } from './snowflake.ts';
import type { DirectMessage } from './state.ts';
import { problems, sendInvalidRequest, sendRequestError } from './x-errors.ts';
import { v2Date } from './x-format.ts';

/**
 * X v2 direct messages, one-to-one: sending (`POST /2/dm_conversations/with/:participant_id/messages`) and reading
 * a conversation's events. Both need a user token (an app-only token gets 403 Unsupported Authentication). Sends
 * count per user (X: 200 per 15 minutes), reads per token (300); both are the `dms` endpoint for faults.
 */
export const MAX_DM_LENGTH = 10_000;

export const DM_EVENT_FIELDS: ReadonlySet<string> = new Set(
  'attachments created_at dm_conversation_id event_type id participant_ids referenced_tweets sender_id text'.split(' '),
);
const EVENT_TYPES: ReadonlySet<string> = new Set(['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave']);

const dmBody = z.object({
  text: z.string().optional(),
  attachments: z
    .array(z.object({ media_id: z.string() }))
    .max(1)
    .optional(),
});

export function registerDmRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { state } = ctx;

  /** The other participant, or an X 400 (a bad or unknown id, or oneself). */
  const participantError = (participantId: string, userId: string): string | null => {
    if (!isId(participantId)) return `The \`participant_id\` path parameter value [${participantId}] is not valid`;
    if (!state.accounts.has(participantId)) return `Could not find user with participant_id: [${participantId}].`;
    if (participantId === userId) return 'You cannot send a direct message to yourself.';
    return null;
  };

  app.post<{ Params: { participant_id: string }; Body: unknown }>(
    '/2/dm_conversations/with/:participant_id/messages',
    async (request, reply) => {
      const auth = await guard(ctx, request, reply, 'dms', { write: true });
      if (!auth) return reply;
      if (auth.userId === null) return sendRequestError(reply, problems.unsupportedAuthentication());
      const participantId = request.params.participant_id;
      const refused = participantError(participantId, auth.userId);
      if (refused) return sendInvalidRequest(reply, 'participant_id', participantId, refused);
      const parsed = dmBody.safeParse(request.body);
      if (!parsed.success) return sendInvalidRequest(reply, 'body', '', parsed.error.issues[0]?.message ?? 'invalid');
      const text = (parsed.data.text ?? '').normalize('NFC');
      if (text.trim() === '') return sendInvalidRequest(reply, 'text', text, 'A message needs text or an attachment');
      if ([...text].length > MAX_DM_LENGTH)
        return sendInvalidRequest(reply, 'text', text, `Message text is longer than ${MAX_DM_LENGTH} characters`);
      const message = state.sendDirectMessage({ senderId: auth.userId, recipientId: participantId, text });
      return answer(ctx, request, reply, auth, 201, {
        data: { dm_conversation_id: message.conversationId, dm_event_id: message.id },
      });
    },
  );

  app.get<{ Params: { participant_id: string }; Querystring: Query }>(
    '/2/dm_conversations/with/:participant_id/dm_events',
    async (request, reply) => {
      const auth = await guard(ctx, request, reply, 'dms', { bucket: 'dm_reads' });
      if (!auth) return reply;
      if (auth.userId === null) return sendRequestError(reply, problems.unsupportedAuthentication());
      const participantId = request.params.participant_id;
      const refused = participantError(participantId, auth.userId);
      if (refused) return sendInvalidRequest(reply, 'participant_id', participantId, refused);
      try {
        return reply.send(readDmEvents(state.directMessagesOf(auth.userId, participantId), request.query));
      } catch (error) {
        if (error instanceof ParamError) return sendInvalidRequest(reply, error.parameter, error.value, error.message);
        throw error;
      }
    },
  );
}

/** One page of DM events, newest first, as X pages them (`max_results` 1–100, default 100, opaque tokens). */
function readDmEvents(messages: DirectMessage[], query: Query): Record<string, unknown> {
  const maxResults = intParam(query, 'max_results', 1, 100, 100);
  const token = pageTokenParam(query, 'pagination_token');
  const fields = listParam(query, 'dm_event.fields', DM_EVENT_FIELDS);
  const types = listParam(query, 'event_types', EVENT_TYPES);
  const matching = types.size === 0 || types.has('MessageCreate') ? messages : [];
  let page: DirectMessage[];
  if (token?.direction === 'previous') {
    const newer = matching.filter((m) => compareIds(m.id, token.boundaryId) > 0);
    page = newer.slice(Math.max(0, newer.length - maxResults));
  } else {
    const older = token ? matching.filter((m) => compareIds(m.id, token.boundaryId) < 0) : matching;
    page = older.slice(0, maxResults);
  }
  if (page.length === 0) return { meta: { result_count: 0 } };
  const newest = page[0]!;
  const oldest = page[page.length - 1]!;
  const meta: Record<string, unknown> = { result_count: page.length };
  if (matching.some((m) => compareIds(m.id, oldest.id) < 0))
    meta.next_token = encodePageToken({ direction: 'next', boundaryId: oldest.id });
  if (token && matching.some((m) => compareIds(m.id, newest.id) > 0))
    meta.previous_token = encodePageToken({ direction: 'previous', boundaryId: newest.id });
  return { data: page.map((m) => v2DmEvent(m, fields)), meta };
}

export function v2DmEvent(message: DirectMessage, fields: ReadonlySet<string>): Record<string, unknown> {
  // X's defaults are id, event_type and text; the rest only when asked for.
  const out: Record<string, unknown> = { id: message.id, event_type: 'MessageCreate', text: message.text };
  if (fields.has('created_at')) out.created_at = v2Date(message.createdAt);
  if (fields.has('sender_id')) out.sender_id = message.senderId;
  if (fields.has('dm_conversation_id')) out.dm_conversation_id = message.conversationId;
  if (fields.has('participant_ids')) out.participant_ids = [message.senderId, message.recipientId];
  return out;
}
