import type { z } from 'zod';
import type {
  ApprovalItem,
  listApprovalsInput,
  rejectReplyInput,
  reviewReplyInput,
  setBrandApprovalInput,
  setMemberApprovalInput,
} from '@perch/shared';
import type { Db } from '../../db/database.ts';
import type { WorkActor, WorkDeps } from '../conversations/work-context.ts';

export async function listApprovals(
  db: Db,
  actor: WorkActor,
  input: z.output<typeof listApprovalsInput>,
): Promise<ApprovalItem[]> {
  void db;
  void actor;
  void input;
  throw new Error('replies.approvals: being written');
}

export async function approveReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof reviewReplyInput>,
): Promise<{ id: string; state: 'queued' }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.approve: being written');
}

export async function rejectReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof rejectReplyInput>,
): Promise<{ id: string; state: 'rejected' }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.reject: being written');
}

export async function setMemberApproval(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof setMemberApprovalInput>,
): Promise<{ userId: string; needsApproval: boolean }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.setMemberApproval: being written');
}

export async function setBrandApproval(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof setBrandApprovalInput>,
): Promise<{ brandId: string; requiresApproval: boolean }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.setBrandApproval: being written');
}
