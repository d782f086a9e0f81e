import type { CannedReplyItem } from '@perch/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { matchCanned, orderCanned } from '../canned-values.ts';

interface CannedMenuProps {
  organizationId: string;
  brandId: string;
  /** The conversation's language: its canned replies come first. */
  language: string | null;
  onPick: (item: CannedReplyItem) => void;
  onClose: () => void;
}

const SNIPPET = 90;

/**
 * The brand's canned replies, searchable (name, shortcut or text): arrows move, Enter or a click inserts,
 * Escape closes (the caller puts focus back in the composer). The search box keeps focus throughout.
 */
export function CannedMenu({ organizationId, brandId, language, onPick, onClose }: CannedMenuProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.cannedReplies.list.queryOptions({ organizationId, brandId }, { staleTime: 60_000 }));
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const shown = matchCanned(orderCanned(list.data ?? [], language), search);
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  useEffect(() => {
    const outside = (event: MouseEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      if (event.target instanceof Element && event.target.closest('[data-canned-trigger]')) return;
      onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = shown[current];
      if (item) onPick(item);
    } else if (event.key === 'Escape') {
      // Handled here: the pane's Escape (close the conversation) must not fire too.
      event.preventDefault();
      onClose();
    }
  };

  const label = t('replies.canned.label');
  const optionId = (i: number) => `${listId}-${i}`;
  const empty = list.isPending
    ? t('replies.canned.loading')
    : (list.data ?? []).length === 0
      ? t('replies.canned.empty')
      : t('replies.canned.noMatch');
  return (
    <div className="canned-menu" role="dialog" aria-label={label} ref={root}>
      <input
        className="picker-filter"
        role="combobox"
        aria-label={t('replies.canned.search')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        autoFocus
        placeholder={t('replies.canned.hint')}
        maxLength={100}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ErrorMessage error={list.error} />
      <ul className="picker-options" role="listbox" id={listId} aria-label={label}>
        {shown.map((item, i) => (
          <li
            key={item.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'canned-option picker-option-active' : 'canned-option'}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(item)}
          >
            <span className="canned-option-head">
              <strong>{item.name}</strong>
              {item.shortcut ? <span className="subtle">/{item.shortcut}</span> : null}
              <span className="badge">{item.language.toUpperCase()}</span>
            </span>
            <span className="canned-option-text subtle">
              {item.text.length > SNIPPET ? `${item.text.slice(0, SNIPPET)}…` : item.text}
            </span>
          </li>
        ))}
        {shown.length === 0 ? <li className="muted">{empty}</li> : null}
      </ul>
    </div>
  );
}
