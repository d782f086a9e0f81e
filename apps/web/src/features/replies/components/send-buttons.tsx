import type { ReplyThen } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/u.test(navigator.platform);

interface SendButtonsProps {
  /** False while the text cannot be sent (or is being sent). */
  enabled: boolean;
  pending: boolean;
  /** The conversation's status: "send and resolve" on a resolved one (or pending on a pending one) is pointless. */
  status: string;
  onSend: (then: ReplyThen) => void;
}

/** Send, send and resolve, send and set pending: each names its shortcut (shown, and in aria-keyshortcuts). */
export function SendButtons({ enabled, pending, status, onSend }: SendButtonsProps) {
  const { t } = useTranslation();
  const mod = isMac() ? '⌘' : 'Ctrl+';
  const buttons: { then: ReplyThen; label: string; keys: string; hint: string; hidden?: boolean }[] = [
    { then: 'none', label: t('replies.send.send'), keys: 'Control+Enter Meta+Enter', hint: `${mod}Enter` },
    {
      then: 'resolve',
      label: t('replies.send.resolve'),
      keys: 'Control+Shift+Enter Meta+Shift+Enter',
      hint: `${mod}Shift+Enter`,
      hidden: status === 'resolved',
    },
    {
      then: 'pending',
      label: t('replies.send.pending'),
      keys: 'Alt+Enter',
      hint: 'Alt+Enter',
      hidden: status === 'pending',
    },
  ];
  return (
    <div className="send-buttons" role="group" aria-label={t('replies.send.actions')}>
      {buttons
        .filter((b) => !b.hidden)
        .map((b) => (
          <button
            key={b.then}
            type="button"
            className={b.then === 'none' ? 'button button-primary button-small' : 'button button-small'}
            disabled={!enabled || pending}
            aria-keyshortcuts={b.keys}
            onClick={() => onSend(b.then)}
          >
            {b.label} <kbd aria-hidden="true">{b.hint}</kbd>
          </button>
        ))}
      {pending ? <span className="subtle">{t('replies.send.sending')}</span> : null}
    </div>
  );
}
