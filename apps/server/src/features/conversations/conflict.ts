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

type Change = ConflictInfo['change'];

/** What the event did (structured, so each client words it in its own language). */
export function changeOf(change: Pick<LastChange, 'type' | 'actorUserId' | 'data' | 'names'>): Change {
  const { type, data, actorUserId, names } = change;
  const base: Change = {
    kind: 'other',
    to: null,
    assigneeName: null,
    ruleName: field(data, 'ruleName'),
    macroName: null,
  };
  switch (type) {
    case 'assigned': {
      const assignee = field(data, 'assigneeUserId');
      if (assignee && assignee === actorUserId) return { ...base, kind: 'took' };
      return { ...base, kind: 'assigned', assigneeName: (assignee && names.get(assignee)) ?? null };
    }
    case 'unassigned':
      return { ...base, kind: 'unassigned' };
    case 'status_changed':
      return { ...base, kind: 'status', to: field(data, 'to') };
    case 'snoozed':
      return { ...base, kind: 'status', to: 'snoozed' };
    case 'woke':
      return { ...base, kind: 'woke' };
    case 'reopened':
      return { ...base, kind: 'reopened' };
    case 'team_changed':
      return { ...base, kind: 'team' };
    case 'priority_changed':
      return { ...base, kind: 'priority', to: field(data, 'to') };
    case 'tags_changed':
      return { ...base, kind: 'tags' };
    case 'reply_sent':
    case 'replied':
      return { ...base, kind: 'replied' };
    case 'received':
    case 'message_received':
      return { ...base, kind: 'received' };
    case 'macro_applied':
      return { ...base, kind: 'macro', macroName: field(data, 'macroName') };
    default:
      return base;
  }
}

/** The change in English words, for API clients ("assigned it to Léa Martin"). */
export function describeChange(change: Pick<LastChange, 'type' | 'actorUserId' | 'data' | 'names'>): string {
  const c = changeOf(change);
  switch (c.kind) {
    case 'took':
      return 'took it';
    case 'assigned':
      return `assigned it to ${c.assigneeName ?? 'someone'}`;
    case 'unassigned':
      return 'unassigned it';
    case 'status':
      return STATUS_WORDS[c.to ?? ''] ?? 'changed its status';
    case 'woke':
      return 'woke it from snooze';
    case 'reopened':
      return 'reopened it';
    case 'team':
      return 'changed its team';
    case 'priority':
      return `set its priority to ${c.to ?? 'another level'}`;
    case 'tags':
      return 'changed its tags';
    case 'replied':
      return 'replied';
    case 'received':
      return 'received a new message';
    case 'macro':
      return `applied the macro ${c.macroName ?? ''}`.trim();
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
  const structured = change
    ? changeOf(change)
    : { kind: 'other' as const, to: null, assigneeName: null, ruleName: null, macroName: null };
  const rule = structured.ruleName ? `The automation rule "${structured.ruleName}"` : null;
  const who = actorName ?? rule ?? (change?.type === 'woke' ? 'Perch' : 'Someone');
  const when = change ? ` ${ago(change.occurredAt)}` : '';
  const conflict: ConflictInfo = {
    actorName,
    what,
    change: structured,
    at: (change?.occurredAt ?? new Date()).toISOString(),
    currentVersion,
  };
  return new DomainError('CONFLICT', `${who} ${what}${when}, ${suffix}`, { conflict, ...extra });
}
