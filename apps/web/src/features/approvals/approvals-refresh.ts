/**
 * Whether a live event makes the Approvals list stale: a reply started or stopped waiting, or events may have been
 * missed (a reconnection after the first connection, or `resync`).
 */
export function approvalsAreStale(type: string, reconnected: boolean): boolean {
  return type === 'approvals.changed' || type === 'resync' || (type === 'ready' && reconnected);
}

/** The waiting replies, oldest first (the one waiting longest is reviewed first); ties by id for a stable order. */
export function oldestFirst<T extends { at: string; replyId: string }>(items: readonly T[]): T[] {
  const time = (at: string) => Date.parse(at) || 0;
  return [...items].sort((a, b) => time(a.at) - time(b.at) || (a.replyId < b.replyId ? -1 : 1));
}
