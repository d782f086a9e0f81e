import type { z } from 'zod';
import { excerpt, type addCustomerNoteInput, type addNoteInput, type getNextInput } from '@perch/shared';
import { notFound } from '../../lib/errors.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertOwnBrands } from '../brands/brands.service.ts';
import {
  appendEvents,
  claimNext,
  createCustomerNote,
  createNote,
  createNotifications,
  customerTalksTo,
  findCustomer,
  membersAmong,
} from './conversations.repository.ts';
import { lockVisible, notificationEvent } from './conversations.service.ts';
import { seesBrand, updatedEvent, worksOn, type WorkActor, type WorkDeps } from './work-context.ts';

const EXCERPT = 200;

/**
 * An internal note. Each mentioned member (who must work on the conversation's brand, else NOT_FOUND) gets a
 * notification and a live event only they hear. A note does not change the conversation's state: no new
 * version, so nobody's pending action goes stale because a colleague wrote a note.
 */
export async function addNote(deps: WorkDeps, actor: WorkActor, input: z.output<typeof addNoteInput>) {
  const mentioned = [...new Set(input.mentionedUserIds)];
  const { note, brandId, recipients } = await deps.db.$transaction(async (tx) => {
    // Locked like any action: the note lands between two state changes, never inside one.
    const conversation = await lockVisible(tx, actor, input.conversationId);
    if (mentioned.length > 0) {
      const members = await membersAmong(tx, actor.organizationId, mentioned);
      if (members.length !== mentioned.length || !members.every((m) => worksOn(m, conversation.brandId))) {
        throw notFound('Member');
      }
    }
    const note = await createNote(tx, {
      organizationId: actor.organizationId,
      conversationId: conversation.id,
      authorUserId: actor.userId,
      text: input.text,
      mentionedUserIds: mentioned,
    });
    await appendEvents(tx, actor.organizationId, [
      {
        conversationId: conversation.id,
        brandId: conversation.brandId,
        type: 'note_added',
        actorUserId: actor.userId,
        data: { noteId: note.id, mentionedUserIds: mentioned },
      },
    ]);
    const recipients = mentioned.filter((id) => id !== actor.userId);
    await createNotifications(
      tx,
      recipients.map((userId) => ({
        organizationId: actor.organizationId,
        userId,
        kind: 'note_mention',
        conversationId: conversation.id,
        actorUserId: actor.userId,
        data: { noteId: note.id, excerpt: excerpt(input.text, EXCERPT) },
      })),
    );
    await writeAudit(tx, actor, {
      action: 'conversations.addNote',
      targetType: 'conversation',
      targetId: conversation.id,
      after: { noteId: note.id, mentionedUserIds: mentioned, length: input.text.length },
    });
    return { note, brandId: conversation.brandId, recipients };
  });
  await deps.bus.publish([
    updatedEvent(actor.organizationId, { id: input.conversationId, brandId }),
    ...recipients.map((userId) => notificationEvent(actor.organizationId, brandId, input.conversationId, userId)),
  ]);
  return { id: note.id, at: note.createdAt.toISOString() };
}

/**
 * A note about the customer, shown in the customer panel of all their conversations. A member limited to some
 * brands may write one only about a customer who talks to one of those brands.
 */
export function addCustomerNote(deps: WorkDeps, actor: WorkActor, input: z.output<typeof addCustomerNoteInput>) {
  return deps.db.$transaction(async (tx) => {
    const customer = await findCustomer(tx, actor.organizationId, input.customerId);
    if (!customer) throw notFound('Customer');
    if (
      actor.brandIds.length > 0 &&
      !(await customerTalksTo(tx, actor.organizationId, customer.id, [...actor.brandIds]))
    ) {
      throw notFound('Customer');
    }
    const note = await createCustomerNote(tx, {
      organizationId: actor.organizationId,
      customerId: customer.id,
      authorUserId: actor.userId,
      text: input.text,
    });
    await writeAudit(tx, actor, {
      action: 'conversations.addCustomerNote',
      targetType: 'customer',
      targetId: customer.id,
      after: { customerNoteId: note.id, length: input.text.length },
    });
    return { id: note.id, at: note.createdAt.toISOString() };
  });
}

/**
 * "Get next": the best waiting conversation (new or open, unassigned) of the brands the caller may see, by
 * priority, then SLA due time, then waiting time — assigned to the caller in one statement. Null when there is
 * none (then nothing changed and nothing is audited).
 */
export async function getNext(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof getNextInput>,
): Promise<string | null> {
  if (input.brandId) {
    if (!seesBrand(actor.brandIds, input.brandId)) throw notFound('Brand');
    await assertOwnBrands(deps.db, actor.organizationId, [input.brandId]);
  }
  const brands = input.brandId ? [input.brandId] : actor.brandIds.length > 0 ? [...actor.brandIds] : null;
  const picked = await deps.db.$transaction(async (tx) => {
    const row = await claimNext(tx, actor.organizationId, brands, actor.userId);
    if (!row) return null;
    await appendEvents(tx, actor.organizationId, [
      {
        conversationId: row.id,
        brandId: row.brandId,
        type: 'assigned',
        actorUserId: actor.userId,
        data: { assigneeUserId: actor.userId, previousUserId: null, via: 'get_next' },
      },
    ]);
    await writeAudit(tx, actor, {
      action: 'conversations.getNext',
      targetType: 'conversation',
      targetId: row.id,
      after: { assigneeUserId: actor.userId, version: row.version },
    });
    return row;
  });
  if (!picked) return null;
  await deps.bus.publish([updatedEvent(actor.organizationId, picked)]);
  return picked.id;
}
