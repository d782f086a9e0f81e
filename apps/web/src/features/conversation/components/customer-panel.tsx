import type { CustomerPanel as Customer } from '@perch/shared';
import { WORK_LIMITS } from '@perch/shared/vocabulary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useLocation } from 'wouter';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useSearchString } from '@/lib/location.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { safeHttpUrl } from '../rich-text.ts';

/** `/o/…/inbox/mine/c/OLD?x` → `/o/…/inbox/mine/c/NEW?x`: another conversation in the same view and filters. */
export function conversationPath(pathname: string, conversationId: string): string {
  const base = pathname.replace(/\/c\/[^/]+\/?$/, '').replace(/\/$/, '');
  return `${base}/c/${conversationId}`;
}

interface CustomerPanelProps {
  organizationId: string;
  conversationId: string;
  customer: Customer;
  timeZone?: string;
}

/** Who the customer is: handles, VIP, the team's notes about them and their earlier conversations. */
export function CustomerPanel({ organizationId, conversationId, customer, timeZone }: CustomerPanelProps) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [path] = useLocation();
  const search = useSearchString();
  const [note, setNote] = useState('');
  const followers = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });
  const addNote = useMutation(
    trpc.conversations.addCustomerNote.mutationOptions({
      onSuccess: async () => {
        setNote('');
        await queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ organizationId, conversationId }));
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return;
    addNote.mutate({ organizationId, customerId: customer.id, text });
  };

  return (
    <div className="customer-panel stack">
      <section aria-labelledby="customer-handles">
        <h3 id="customer-handles">
          {customer.displayName}
          {customer.isVip ? <span className="badge badge-vip"> {t('conversation.customer.vip')}</span> : null}
        </h3>
        <ul className="plain-list">
          {customer.handles.map((handle) => {
            const href = safeHttpUrl(handle.profileUrl);
            const name = `@${handle.username}`;
            return (
              <li key={handle.id}>
                <span className="subtle">
                  {t(`conversation.networks.${handle.network}`, { defaultValue: handle.network })}
                </span>{' '}
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                    {name}
                  </a>
                ) : (
                  <span>{name}</span>
                )}
                {handle.verified ? (
                  <span
                    className="verified"
                    title={t('conversation.customer.verified')}
                    aria-label={t('conversation.customer.verified')}
                  >
                    {' '}
                    ✓
                  </span>
                ) : null}{' '}
                <span className="subtle">
                  {t('conversation.customer.followers', { formatted: followers.format(handle.followers) })}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="customer-notes">
        <h3 id="customer-notes">{t('conversation.customer.notes')}</h3>
        {customer.notes.length === 0 ? <p className="muted">{t('conversation.customer.noNotes')}</p> : null}
        <ul className="plain-list">
          {customer.notes.map((n) => (
            <li key={n.id} className="customer-note">
              <p className="thread-text">{n.text}</p>
              <span className="subtle">
                {n.authorName} · {formatDate(n.at, { timeZone })}
              </span>
            </li>
          ))}
        </ul>
        <form className="form" onSubmit={submit} aria-label={t('conversation.customer.addNote')}>
          <ErrorMessage error={addNote.error} />
          <label className="visually-hidden" htmlFor="customer-note">
            {t('conversation.customer.addNote')}
          </label>
          <textarea
            id="customer-note"
            rows={2}
            maxLength={WORK_LIMITS.customerNote}
            value={note}
            placeholder={t('conversation.customer.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={addNote.isPending || !note.trim()}>
            {t('conversation.customer.addNote')}
          </button>
        </form>
      </section>

      <section aria-labelledby="customer-previous">
        <h3 id="customer-previous">{t('conversation.customer.previous')}</h3>
        {customer.previousConversations.length === 0 ? (
          <p className="muted">{t('conversation.customer.noPrevious')}</p>
        ) : null}
        <ul className="plain-list">
          {customer.previousConversations.map((c) => (
            <li key={c.id}>
              <Link to={`${conversationPath(path, c.id)}${search}`}>
                {c.snippet || t('conversation.customer.noSnippet')}
              </Link>{' '}
              <span className="subtle">
                {t(`conversation.status.${c.status}`)} · {formatDate(c.lastMessageAt, { timeZone, style: 'date' })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
