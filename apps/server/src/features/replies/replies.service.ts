import type { z } from 'zod';
import type { ReplyResult, replyIdInput, sendReplyInput } from '@perch/shared';
import type { WorkActor, WorkDeps } from '../conversations/work-context.ts';

export async function sendReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof sendReplyInput>,
): Promise<ReplyResult> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.send: being written');
}

export async function retryReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof replyIdInput>,
): Promise<{ id: string; state: 'queued' }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.retry: being written');
}

export async function cancelReply(
  deps: WorkDeps,
  actor: WorkActor,
  input: z.output<typeof replyIdInput>,
): Promise<{ id: string; state: 'canceled' }> {
  void deps;
  void actor;
  void input;
  throw new Error('replies.cancel: being written');
}
