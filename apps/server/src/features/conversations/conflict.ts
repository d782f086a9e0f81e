import type { ConflictInfo } from '@perch/shared';
import { DomainError } from '../../lib/errors.ts';

export interface LastChange {
  type: string;
  actorUserId: string | null;
  data: unknown;
  occurredAt: Date;
  names: Map<string, string>;
}

const STATUS_WORDS: Record<string, string> = {
  open: 'opened it',
  pending: 'set it to pending',
  snoozed: 'snoozed it',
  resolved: 'resolved it',
  new: 'marked it new',
};

const field = (data: unknown, key: string): string | null => {
  const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : null;
};

/** What the event did, in words for the person whose action it made stale ("assigned it to Léa Martin"). */
export function describeChange(change: Pick<LastChange, 'type' | 'actorUserId' | 'data' | 'names'>): string {
  const { type, data, actorUserId, names } = change;
  switch (type) {
    case 'assigned': {
      const assignee = field(data, 'assigneeUserId');
      if (assignee && assignee === actorUserId) return 'took it';
      return `assigned it to ${(assignee && names.get(assignee)) ?? 'someone'}`;
    }
    case 'unassigned':
      return 'unassigned it';
    case 'status_changed':
      return STATUS_WORDS[field(data, 'to') ?? ''] ?? 'changed its status';
    case 'snoozed':
      return 'snoozed it';
    case 'woke':
      return 'woke it from snooze';
    case 'reopened':
      return 'reopened it';
    case 'team_changed':
      return 'changed its team';
    case 'priority_changed':
      return `set its priority to ${field(data, 'to') ?? 'another level'}`;
    case 'tags_changed':
      return 'changed its tags';
    case 'reply_sent':
    case 'replied':
      return 'replied';
    case 'received':
    case 'message_received':
      return 'received a new message';
    default:
      return 'changed it';
  }
}

export function ago(at: Date, now = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `on ${at.toISOString().slice(0, 10)}`;
}

/** CONFLICT for a stale action: who did what since the version the caller saw. */
export function staleConflict(
  change: LastChange | null,
  currentVersion: number,
  suffix = 'after you opened this conversation. Check it and try again.',
  extra: Record<string, unknown> = {},
) {
  const actorName = change?.actorUserId ? (change.names.get(change.actorUserId) ?? 'A former member') : null;
  const what = change ? describeChange(change) : 'changed it';
  const who = actorName ?? (change?.type === 'woke' ? 'Perch' : 'Someone');
  const when = change ? ` ${ago(change.occurredAt)}` : '';
  const conflict: ConflictInfo = {
    actorName,
    what,
    at: (change?.occurredAt ?? new Date()).toISOString(),
    currentVersion,
  };
  return new DomainError('CONFLICT', `${who} ${what}${when}, ${suffix}`, { conflict, ...extra });
}
