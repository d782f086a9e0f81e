import { WORK_LIMITS } from '@perch/shared/vocabulary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { matchAgents, mentionedIds, mentionQueryAt } from '../mention-query.ts';
import type { AgentOption } from '../types.ts';

interface NoteComposerProps {
  organizationId: string;
  conversationId: string;
  agents: AgentOption[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Focus and edits, for the typing indicator. */
  onActivity?: (focused: boolean, changed: boolean) => void;
}

/**
 * An internal note (the reply composer's "Note" mode). Typing `@` lists the agents by name; choosing
 * one inserts `@Name` and the note is sent with their user ids, so they are notified.
 */
export function NoteComposer({ organizationId, conversationId, agents, textareaRef, onActivity }: NoteComposerProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  // Members chosen from the list, by user id: their `@Name` still in the text is sent as a mention.
  const [inserted, setInserted] = useState<ReadonlyMap<string, string>>(new Map());
  const listId = useId();

  const add = useMutation(
    trpc.conversations.addNote.mutationOptions({
      onSuccess: async () => {
        setText('');
        setInserted(new Map());
        await queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ organizationId, conversationId }));
      },
    }),
  );

  const mention = mentionQueryAt(text, caret);
  const suggestions = mention && dismissedAt !== mention.start ? matchAgents(agents, mention.query) : [];
  const open = suggestions.length > 0;
  const current = Math.min(active, Math.max(suggestions.length - 1, 0));

  const insert = (agent: AgentOption) => {
    if (!mention) return;
    const before = text.slice(0, mention.start);
    const after = text.slice(caret);
    const token = `@${agent.name} `;
    const next = before + token + after;
    setInserted((map) => new Map(map).set(agent.userId, agent.name));
    setText(next);
    const position = before.length + token.length;
    setCaret(position);
    setActive(0);
    requestAnimationFrame(() => textareaRef.current?.setSelectionRange(position, position));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive((current + (event.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const agent = suggestions[current];
        if (agent) insert(agent);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissedAt(mention?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
      return;
    }
    if (event.key === 'Escape') {
      // First Escape leaves the composer; the next one (outside it) closes the pane.
      event.preventDefault();
      event.currentTarget.blur();
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const value = text.trim();
    if (!value || add.isPending) return;
    add.mutate({
      organizationId,
      conversationId,
      text: value,
      mentionedUserIds: mentionedIds(value, inserted),
    });
  };

  const optionId = (i: number) => `${listId}-${i}`;

  return (
    <form className="note-composer" onSubmit={submit} aria-label={t('conversation.composer.label')}>
      <ErrorMessage error={add.error} />
      <label htmlFor={`${listId}-text`} className="visually-hidden">
        {t('conversation.composer.label')}
      </label>
      <div className="composer-field">
        <textarea
          id={`${listId}-text`}
          ref={textareaRef}
          rows={3}
          maxLength={WORK_LIMITS.note}
          value={text}
          placeholder={t('conversation.composer.placeholder')}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? optionId(current) : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setDismissedAt(null);
            onActivity?.(true, true);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onFocus={() => onActivity?.(true, false)}
          onBlur={() => onActivity?.(false, false)}
        />
        {open ? (
          <ul
            className="picker-options mention-suggestions"
            role="listbox"
            id={listId}
            aria-label={t('conversation.composer.suggestions')}
          >
            {suggestions.map((agent, i) => (
              <li
                key={agent.userId}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className={i === current ? 'picker-option picker-option-active' : 'picker-option'}
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(agent);
                }}
              >
                {agent.name}
                <span className="subtle"> · {t(`conversation.availability.${agent.availability}`)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="composer-actions">
        <span className="subtle">{t('replies.note.hint')}</span>
        <button type="submit" className="button button-primary button-small" disabled={add.isPending || !text.trim()}>
          {t('conversation.composer.send')}
        </button>
      </div>
    </form>
  );
}
