import type { CannedReplyItem, ConversationDetail, ReplyThen, ThreadItem } from '@perch/shared';
import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { fillCanned } from '../canned-values.ts';
import { checkReply } from '../reply-check.ts';
import { loadReplyTools, useReplyTools } from '../use-reply-tools.ts';
import { useSendReply } from '../use-send-reply.ts';
import { CannedMenu } from './canned-menu.tsx';
import { ReplyCount, ReplyWarnings } from './reply-feedback.tsx';
import { SendError } from './send-error.tsx';
import { SendButtons } from './send-buttons.tsx';

interface ReplyComposerProps {
  organizationId: string;
  userId: string;
  conversation: ConversationDetail['conversation'];
  thread: readonly ThreadItem[];
  mode: 'public' | 'dm';
  text: string;
  cannedReplyId: string | null;
  onChange: (text: string, cannedReplyId: string | null) => void;
  /** The reply was accepted: the draft is done. */
  onSent: () => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  agentName: string | null;
  brandName: string | null;
  onActivity?: ((focused: boolean, changed: boolean) => void) | undefined;
}

/** What one press of Send asked for, as the field read then. */
interface SendRequest {
  text: string;
  mode: 'public' | 'dm';
  then: ReplyThen;
  cannedReplyId: string | null;
}

/** The newest reply the agent sees: a colleague's later one makes the send a CONFLICT (stale-reply guard). */
const lastReplyId = (thread: readonly ThreadItem[]) =>
  thread.filter((item) => item.kind === 'reply').at(-1)?.id ?? null;

/**
 * A public reply or a direct message: counted as X counts it, refused over the limit or with a `{{variable}}`
 * left in it, canned replies on `/`, and sent with Ctrl/Cmd+Enter (Shift: and resolve; Alt+Enter: and set
 * pending). Nothing is posted without the agent's explicit send.
 */
export function ReplyComposer(props: ReplyComposerProps) {
  const { organizationId, conversation, mode, text, cannedReplyId, onChange, textareaRef } = props;
  const { t } = useTranslation();
  const tools = useReplyTools();
  const sender = useSendReply({
    organizationId,
    conversationId: conversation.id,
    userId: props.userId,
    version: conversation.version,
    lastSeenReplyId: lastReplyId(props.thread),
  });
  const [menuOpen, setMenuOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const earlySend = useRef<SendRequest | null>(null);
  const check = tools ? checkReply(tools, text, mode, conversation.channelKind) : null;
  const maxLength = tools?.REPLY_LIMITS.text;

  const send = (then: ReplyThen) => {
    if (sender.pending) return;
    const request: SendRequest = { text, mode, then, cannedReplyId };
    if (check) {
      if (check.sendable) post(request);
      return;
    }
    // X's counting has not loaded yet (its chunk comes with the first reply): the send waits for it and is then
    // checked the same way, so an early Ctrl+Enter is never dropped. Pressed again meanwhile, the last press is the
    // one sent (once), with the text it saw.
    const alreadyWaiting = earlySend.current !== null;
    earlySend.current = request;
    if (alreadyWaiting) return;
    void loadReplyTools()
      .then((loaded) => {
        const last = earlySend.current;
        if (last && checkReply(loaded, last.text, last.mode, conversation.channelKind).sendable) post(last);
      })
      .catch(() => setNotice(t('replies.result.toolsFailed')))
      .finally(() => {
        earlySend.current = null;
      });
  };

  const post = (request: SendRequest) => {
    sender.send(
      { text: request.text.trim(), mode: request.mode, then: request.then, cannedReplyId: request.cannedReplyId },
      {
        onSuccess: (result) => {
          setNotice(t(result.state === 'awaiting_approval' ? 'replies.result.approval' : 'replies.result.queued'));
          props.onSent();
          // The Send button is disabled once the text is cleared: focus goes back to the field, not to <body>.
          const active = document.activeElement;
          if (!active || active === document.body || form.current?.contains(active)) textareaRef.current?.focus();
        },
      },
    );
  };

  const closeMenu = () => {
    setMenuOpen(false);
    requestAnimationFrame(() => textareaRef.current?.focus());
  };

  const insert = (item: CannedReplyItem) => {
    if (!tools) return;
    const filled = fillCanned(tools, item.text, {
      customerName: conversation.customer.displayName,
      customerUsername: conversation.customer.username,
      agentName: props.agentName,
      brandName: props.brandName,
    });
    const field = textareaRef.current;
    const start = field?.selectionStart ?? text.length;
    const end = field?.selectionEnd ?? text.length;
    const next = (text.slice(0, start) + filled + text.slice(end)).slice(0, maxLength);
    const caret = Math.min(start + filled.length, next.length);
    onChange(next, item.id);
    setNotice(t('replies.canned.inserted', { name: item.name }));
    setMenuOpen(false);
    requestAnimationFrame(() => {
      textareaRef.current?.focus();
      textareaRef.current?.setSelectionRange(caret, caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const modifier = event.ctrlKey || event.metaKey || event.altKey;
    if (event.key === '/' && text === '' && !modifier) {
      event.preventDefault();
      setMenuOpen(true);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send(event.shiftKey ? 'resolve' : 'none');
    } else if (event.key === 'Enter' && event.altKey) {
      event.preventDefault();
      send('pending');
    } else if (event.key === 'Escape') {
      // First Escape leaves the composer; the next one (outside it) closes the pane.
      event.preventDefault();
      event.currentTarget.blur();
    }
  };

  const label = t(mode === 'dm' ? 'replies.field.dm' : 'replies.field.public');
  return (
    <form className="reply-composer" aria-label={label} ref={form} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <div className="composer-field">
        {menuOpen ? (
          <CannedMenu
            organizationId={organizationId}
            brandId={conversation.brandId}
            language={conversation.language}
            onPick={insert}
            onClose={closeMenu}
          />
        ) : null}
        <textarea
          id={`${id}-text`}
          ref={textareaRef}
          rows={4}
          maxLength={maxLength}
          value={text}
          readOnly={sender.pending}
          placeholder={t(mode === 'dm' ? 'replies.placeholder.dm' : 'replies.placeholder.public')}
          aria-describedby={`${id}-count`}
          onChange={(e) => {
            const next = e.target.value;
            onChange(next, next.trim() === '' ? null : cannedReplyId);
            setNotice(null);
            sender.clearError();
            props.onActivity?.(true, true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => props.onActivity?.(true, false)}
          onBlur={() => props.onActivity?.(false, false)}
        />
      </div>
      <div className="reply-meta">
        <button
          type="button"
          className="button button-small"
          aria-haspopup="dialog"
          aria-expanded={menuOpen}
          aria-keyshortcuts="/"
          data-canned-trigger
          onClick={() => (menuOpen ? closeMenu() : setMenuOpen(true))}
        >
          {t('replies.canned.open')}
        </button>
        <ReplyCount check={check} id={`${id}-count`} />
      </div>
      <ReplyWarnings check={check} tools={tools} />
      <SendError error={sender.error} conflict={sender.conflict} onDismissConflict={sender.dismissConflict} />
      <p className="reply-notice" role="status">
        {notice}
      </p>
      <SendButtons
        enabled={Boolean(check?.sendable)}
        pending={sender.pending}
        status={conversation.status}
        onSend={send}
      />
    </form>
  );
}
