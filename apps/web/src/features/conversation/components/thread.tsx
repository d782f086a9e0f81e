import type { ThreadItem } from '@perch/shared';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '@/lib/format.ts';
import type { AgentOption } from '../types.ts';
import { RichText } from './rich-text.tsx';

const FAILING = new Set(['failed', 'dead']);

/** The conversation as it happened: the customer's posts, the brand's replies and the team's internal notes. */
export function Thread({ items, agents, timeZone }: { items: ThreadItem[]; agents: AgentOption[]; timeZone?: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (items.length === 0) return <p className="muted">{t('conversation.thread.empty')}</p>;
  const nameOf = (userId: string) => agents.find((a) => a.userId === userId)?.name;

  return (
    <ol className="thread" aria-label={t('conversation.thread.label')}>
      {items.map((item) => {
        const time = (
          <time dateTime={item.at} className="subtle">
            {formatDate(item.at, { timeZone })}
          </time>
        );
        if (item.kind === 'mention') {
          const outbound = item.direction === 'outbound';
          return (
            <li key={item.id} className={outbound ? 'thread-item thread-outbound' : 'thread-item thread-inbound'}>
              <div className="thread-meta">
                <strong>{item.authorName}</strong>
                {item.authorUsername ? <span className="subtle"> @{item.authorUsername}</span> : null}
                {outbound ? <span className="badge">{t('conversation.thread.brandPost')}</span> : null}
                {time}
              </div>
              {item.deleted ? (
                <p className="thread-text muted">
                  <em>{t('conversation.thread.deleted')}</em>
                </p>
              ) : (
                <p className="thread-text">
                  <RichText text={item.text} />
                </p>
              )}
            </li>
          );
        }
        if (item.kind === 'reply') {
          return (
            <li key={item.id} className="thread-item thread-outbound">
              <div className="thread-meta">
                <strong>{item.authorName}</strong>
                <span
                  className={
                    FAILING.has(item.state) ? 'badge badge-danger' : item.state === 'sent' ? 'badge badge-ok' : 'badge'
                  }
                >
                  {t(`conversation.delivery.${item.state}`)}
                </span>
                {item.isDirectMessage ? <span className="badge">{t('conversation.thread.dm')}</span> : null}
                {time}
              </div>
              <p className="thread-text">
                <RichText text={item.text} />
              </p>
              {item.lastError && FAILING.has(item.state) ? <p className="field-error">{item.lastError}</p> : null}
            </li>
          );
        }
        const mentioned = item.mentionedUserIds.map(nameOf).filter((n): n is string => Boolean(n));
        // A rule's note: its author is the rule, never a person (no name of whoever set the rule up).
        const rule = item.automationRule;
        return (
          <li
            key={item.id}
            className={rule ? 'thread-item thread-note thread-automation' : 'thread-item thread-note'}
            aria-label={
              rule
                ? t('conversation.thread.noteByAutomation', { name: rule.name })
                : t('conversation.thread.noteBy', { name: item.authorName })
            }
          >
            <div className="thread-meta">
              <span className="badge">{t('conversation.thread.note')}</span>
              {rule ? (
                <strong className="thread-automation-author">
                  <span aria-hidden="true">⚙ </span>
                  {t('conversation.thread.automation', { name: rule.name })}
                </strong>
              ) : (
                <strong>{item.authorName}</strong>
              )}
              {time}
            </div>
            <p className="thread-text">
              <RichText text={item.text} mentionNames={mentioned} />
            </p>
          </li>
        );
      })}
    </ol>
  );
}
