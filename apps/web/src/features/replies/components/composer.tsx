import type { ConversationDetail, ThreadItem } from '@perch/shared';
import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref, type RefObject } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import {
  clearDraft,
  onReplySent,
  readDraft,
  sweepDrafts,
  writeDraft,
  type ComposerMode,
  type ReplyDraft,
} from '../reply-drafts.ts';
import { ReplyComposer } from './reply-composer.tsx';
import '../replies.css';

export interface ComposerHandle {
  /** Shows the composer in `mode` ('reply': the conversation's kind of reply, public or DM) and focuses it. */
  focus: (mode: 'reply' | ComposerMode) => void;
}

interface ComposerProps {
  ref?: Ref<ComposerHandle>;
  organizationId: string;
  conversation: ConversationDetail['conversation'];
  thread: readonly ThreadItem[];
  /** The signed-in user: drafts are per user (mount the composer once it is known). */
  userId: string;
  agentName: string | null;
  brandName: string | null;
  /** Focus and edits, for the typing indicator. */
  onActivity?: (focused: boolean, changed: boolean) => void;
  /** The internal-note composer (Note mode), and the ref of its text field (to focus it). */
  note: ReactNode;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}

const MODES: readonly ComposerMode[] = ['public', 'dm', 'note'];
const KEYS: Record<ComposerMode, string> = { public: 'r', dm: 'd', note: 'n' };

/** A DM conversation (its newest inbound message is a direct message) is answered by DM. */
export function defaultReplyMode(thread: readonly ThreadItem[]): 'public' | 'dm' {
  const inbound = thread.filter((item) => item.kind === 'mention' && item.direction === 'inbound');
  const newest = inbound.at(-1);
  return newest?.kind === 'mention' && newest.mentionKind === 'dm' ? 'dm' : 'public';
}

/**
 * The composer under the thread: a public reply, a direct message, or an internal note. The reply's text, mode
 * and inserted canned reply are a draft kept per conversation and user across reloads, cleared once sent.
 */
export function Composer(props: ComposerProps) {
  const { ref, organizationId, conversation, thread, userId } = props;
  const { t } = useTranslation();
  const replyMode = defaultReplyMode(thread);
  const [draft, setDraft] = useState<ReplyDraft>(
    () => readDraft(userId, conversation.id) ?? { text: '', mode: replyMode, cannedReplyId: null },
  );
  // The kind of reply the Reply/DM field writes, kept while the Note mode is shown.
  const [replyKind, setReplyKind] = useState<'public' | 'dm'>(draft.mode === 'note' ? replyMode : draft.mode);
  const replyField = useRef<HTMLTextAreaElement | null>(null);
  const focusAfterRender = useRef(false);

  useEffect(() => {
    // An empty reply is no draft (a mode alone is not worth restoring).
    if (draft.text === '') clearDraft(userId, conversation.id);
    else writeDraft(userId, conversation.id, draft);
  }, [draft, userId, conversation.id]);
  useEffect(() => sweepDrafts(), []);
  // A send that was still on its way when this composer was last closed: its text is no draft any more.
  useEffect(
    () =>
      onReplySent((sentIn, sentText) => {
        if (sentIn !== conversation.id) return;
        setDraft((d) => (d.text.trim() === sentText ? { ...d, text: '', cannedReplyId: null } : d));
      }),
    [conversation.id],
  );

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    (draft.mode === 'note' ? props.noteRef : replyField).current?.focus();
  });

  const showMode = (mode: ComposerMode) => {
    focusAfterRender.current = true;
    if (mode !== 'note') setReplyKind(mode);
    setDraft((d) => ({ ...d, mode }));
  };
  useImperativeHandle(ref, () => ({ focus: (mode) => showMode(mode === 'reply' ? replyKind : mode) }));

  return (
    <div className="composer">
      <div className="composer-modes" role="group" aria-label={t('replies.modes.label')}>
        {MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className={draft.mode === mode ? 'composer-mode composer-mode-active' : 'composer-mode'}
            aria-pressed={draft.mode === mode}
            aria-keyshortcuts={KEYS[mode]}
            title={t(`replies.modes.${mode}Title`)}
            onClick={() => showMode(mode)}
          >
            {t(`replies.modes.${mode}`)}
          </button>
        ))}
      </div>
      {/* Both stay mounted: a half-written note or reply survives a look at the other mode. */}
      <div hidden={draft.mode !== 'note'}>{props.note}</div>
      <div hidden={draft.mode === 'note'}>
        <ReplyComposer
          organizationId={organizationId}
          userId={userId}
          conversation={conversation}
          thread={thread}
          mode={replyKind}
          text={draft.text}
          cannedReplyId={draft.cannedReplyId}
          onChange={(text, cannedReplyId) => setDraft((d) => ({ ...d, text, cannedReplyId }))}
          onSent={() => setDraft((d) => ({ ...d, text: '', cannedReplyId: null }))}
          textareaRef={replyField}
          agentName={props.agentName}
          brandName={props.brandName}
          onActivity={props.onActivity}
        />
      </div>
    </div>
  );
}
