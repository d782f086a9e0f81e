import type { ConflictInfo } from '@perch/shared';
import { useTranslation } from 'react-i18next';
import { perchCodeOf } from '@/lib/errors.ts';
import { formatRelative } from '@/lib/format.ts';
import { isApiError } from '@/lib/trpc.ts';

/** The who-did-what of a stale action (CONFLICT with `data.details.conflict`), or null. */
export function conflictOf(error: unknown): ConflictInfo | null {
  if (perchCodeOf(error) !== 'CONFLICT' || !isApiError(error)) return null;
  const conflict = error.data?.details?.['conflict'];
  if (!conflict || typeof conflict !== 'object') return null;
  const info = conflict as Partial<ConflictInfo>;
  if (typeof info.what !== 'string' || typeof info.at !== 'string') return null;
  return {
    actorName: typeof info.actorName === 'string' ? info.actorName : null,
    what: info.what,
    at: info.at,
    currentVersion: typeof info.currentVersion === 'number' ? info.currentVersion : 0,
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

/** "Léa Martin assigned it to herself 12 seconds ago — your change was not applied." */
export function useConflictMessage() {
  const { t, i18n } = useTranslation();
  return (conflict: ConflictInfo, now: number = Date.now()) =>
    t('conversation.conflict.message', {
      actor: conflict.actorName ?? t('conversation.conflict.someone'),
      what: conflict.what,
      ago: ago(conflict.at, i18n.language, now),
    });
}
