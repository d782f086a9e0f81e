import type { ConflictInfo } from '@perch/shared';
import { PRIORITIES } from '@perch/shared/vocabulary';
import { useTranslation } from '@/lib/use-translation.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { formatRelative } from '@/lib/format.ts';
import { isApiError } from '@/lib/trpc.ts';

type Change = ConflictInfo['change'];
/** A stale action's who-did-what; `change` is null when the server sent only English words (`what`). */
export type Conflict = Omit<ConflictInfo, 'change'> & { change: Change | null };

const KINDS = new Set([
  'took',
  'assigned',
  'unassigned',
  'status',
  'woke',
  'reopened',
  'team',
  'priority',
  'tags',
  'replied',
  'received',
  'macro',
  'other',
]);
const STATUSES = new Set(['new', 'open', 'pending', 'snoozed', 'resolved']);
const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function changeOf(value: unknown): Change | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const kind = str(raw['kind']);
  if (!kind || !KINDS.has(kind)) return null;
  return {
    kind: kind as Change['kind'],
    to: str(raw['to']),
    assigneeName: str(raw['assigneeName']),
    ruleName: str(raw['ruleName']),
    macroName: str(raw['macroName']),
  };
}

/** The who-did-what of a stale action (CONFLICT with `data.details.conflict`), or null. */
export function conflictOf(error: unknown): Conflict | null {
  if (perchCodeOf(error) !== 'CONFLICT' || !isApiError(error)) return null;
  const conflict = error.data?.details?.['conflict'];
  if (!conflict || typeof conflict !== 'object') return null;
  const info = conflict as Record<string, unknown>;
  if (typeof info['what'] !== 'string' || typeof info['at'] !== 'string') return null;
  return {
    actorName: str(info['actorName']),
    what: info['what'],
    change: changeOf(info['change']),
    at: info['at'],
    currentVersion: typeof info['currentVersion'] === 'number' ? info['currentVersion'] : 0,
  };
}

/** Seconds count here ("12 seconds ago"): a conflict is usually seconds old. */
function ago(at: string, locale: string, now: number): string {
  const seconds = Math.round((now - new Date(at).getTime()) / 1000);
  if (seconds >= 0 && seconds < 60) {
    return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-seconds, 'second');
  }
  return formatRelative(at, locale, now);
}

/** Who ("Léa Martin", "Rule “VIP”", "The customer") and what ("took it") in the interface language. */
export function useConflictWords() {
  const { t } = useTranslation();
  return (conflict: Conflict): { actor: string; what: string } => {
    const change = conflict.change;
    const rule = change?.ruleName;
    const actor =
      conflict.actorName ??
      (rule
        ? t('conversation.timeline.rule', { name: rule })
        : change?.kind === 'received'
          ? t('conversation.conflict.customer')
          : change?.kind === 'woke'
            ? t('conversation.timeline.system')
            : t('conversation.conflict.someone'));
    if (!change) return { actor, what: conflict.what };
    const words = 'conversation.conflict.changes';
    switch (change.kind) {
      case 'assigned':
        return { actor, what: t(`${words}.assigned`, { name: change.assigneeName ?? '?' }) };
      case 'status': {
        const to = change.to && STATUSES.has(change.to) ? t(`conversation.status.${change.to as 'open'}`) : '?';
        return { actor, what: t(`${words}.status`, { status: to }) };
      }
      case 'priority': {
        const known = change.to && (PRIORITIES as readonly string[]).includes(change.to);
        const to = known ? t(`conversation.priority.${change.to as 'normal'}`) : '?';
        return { actor, what: t(`${words}.priority`, { priority: to }) };
      }
      case 'macro':
        return { actor, what: t(`${words}.macro`, { name: change.macroName ?? '?' }) };
      default:
        return { actor, what: t(`${words}.${change.kind}`) };
    }
  };
}

/** "Léa Martin took it 12 seconds ago — your change was not applied." */
export function useConflictMessage() {
  const { t, i18n } = useTranslation();
  const words = useConflictWords();
  return (conflict: Conflict, now: number = Date.now()) =>
    t('conversation.conflict.message', { ...words(conflict), ago: ago(conflict.at, i18n.language, now) });
}
