import type { z } from 'zod';
import type {
  CannedReplyItem,
  createCannedReplyInput,
  listCannedRepliesInput,
  updateCannedReplyInput,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { WorkspaceActor } from '../teams/workspace-actor.ts';

export async function cannedRepliesOf(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof listCannedRepliesInput>,
): Promise<CannedReplyItem[]> {
  void db;
  void actor;
  void input;
  throw new Error('cannedReplies.list: being written');
}

export async function createCannedReply(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof createCannedReplyInput>,
): Promise<CannedReplyItem> {
  void db;
  void actor;
  void input;
  throw new Error('cannedReplies.create: being written');
}

export async function updateCannedReply(
  db: Db,
  actor: WorkspaceActor,
  input: z.output<typeof updateCannedReplyInput>,
): Promise<CannedReplyItem> {
  void db;
  void actor;
  void input;
  throw new Error('cannedReplies.update: being written');
}

export async function deleteCannedReply(db: Db, actor: WorkspaceActor, cannedReplyId: string): Promise<{ id: string }> {
  void db;
  void actor;
  void cannedReplyId;
  throw new Error('cannedReplies.delete: being written');
}
