import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { canOpen } from '@/lib/access.ts';
import { isHiddenHistory } from '@/lib/errors.ts';
import { useMe } from '@/lib/session.ts';
import { useShortcuts } from '@/lib/shortcuts.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { Composer, type ComposerHandle } from '@/features/replies/components/composer.tsx';
import { useConversationActions } from '../use-conversation-actions.ts';
import { useLiveEvents } from '@/lib/live-events.tsx';
import { usePresenceHeartbeat } from '../use-presence.ts';
import { ConversationHeader, type PickerName } from './conversation-header.tsx';
import { CustomerPanel } from './customer-panel.tsx';
import { NoteComposer } from './note-composer.tsx';
import { Thread } from './thread.tsx';
import { Timeline } from './timeline.tsx';
import '../conversation.css';

export interface ConversationPaneProps {
  organizationId: string;
  conversationId: string;
  /** After "resolve and next" (`e`): the inbox opens the next conversation. */
  onNext: () => void;
  onClose: () => void;
}

type Tab = 'thread' | 'timeline' | 'customer';
const TABS: readonly Tab[] = ['thread', 'timeline', 'customer'];
const LIVE_REFRESH = new Set([
  'conversation.updated',
  'mention.received',
  'mention.deleted',
  'conversation.created',
  'reply.updated',
  'sla.changed',
]);
const CANCELS_ANY = new Set(['owner', 'admin', 'manager']);

/**
 * One conversation beside the inbox list: header with every action, the thread, the timeline and the customer.
 * Live events refetch it; a colleague's concurrent change makes an action answer CONFLICT, shown as who did what.
 */
export function ConversationPane({ organizationId, conversationId, onNext, onClose }: ConversationPaneProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const meUserId = me.data?.user.id;
  const role = me.data?.memberships.find((m) => m.organizationId === organizationId)?.role;
  const scope = { organizationId, conversationId };
  const detail = useQuery(trpc.conversations.get.queryOptions(scope));
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }, { staleTime: 60_000 }));
  const teams = useQuery(trpc.teams.list.queryOptions({ organizationId }, { staleTime: 60_000 }));
  const tags = useQuery(trpc.tags.list.queryOptions({ organizationId }, { staleTime: 60_000 }));
  const brands = useQuery(trpc.brands.list.queryOptions({ organizationId }, { staleTime: 300_000 }));
  const presence = useQuery(
    trpc.conversations.presenceOf.queryOptions(
      { organizationId, conversationIds: [conversationId] },
      { refetchInterval: 15_000 },
    ),
  );
  const conversation = detail.data?.conversation;
  const macros = useQuery({
    ...trpc.macros.list.queryOptions({ organizationId, brandId: conversation?.brandId ?? '' }, { staleTime: 60_000 }),
    enabled: Boolean(conversation),
  });
  const actions = useConversationActions(organizationId, conversation);
  const heartbeat = usePresenceHeartbeat(organizationId, conversationId);
  const [tab, setTab] = useState<Tab>('thread');
  const [picker, setPickerState] = useState<PickerName | null>(null);
  const pane = useRef<HTMLElement>(null);
  const composer = useRef<ComposerHandle>(null);
  const noteField = useRef<HTMLTextAreaElement | null>(null);

  useLiveEvents((event) => {
    const mine = event.conversationId === conversationId;
    if (event.type === 'ready' || event.type === 'resync' || (mine && LIVE_REFRESH.has(event.type))) {
      void queryClient.invalidateQueries(trpc.conversations.get.queryFilter(scope));
    }
    if (event.type === 'presence.changed' && (mine || !event.conversationId)) {
      void queryClient.invalidateQueries(trpc.conversations.presenceOf.queryFilter());
    }
  });

  const setPicker = (next: PickerName | null) => {
    const closing = picker;
    setPickerState(next);
    // Focus goes back to the control that opened the picker (or the pane), never lost to <body>.
    if (next === null && closing) {
      requestAnimationFrame(() => {
        const trigger = pane.current?.querySelector<HTMLElement>(`[data-picker-trigger="${closing}"]`);
        (trigger ?? pane.current)?.focus();
      });
    }
  };
  const openPicker = (name: PickerName) => {
    if (!conversation) return;
    if (name === 'snooze' && conversation.status === 'resolved') return;
    setPickerState(name);
  };

  const write = (mode: 'reply' | 'dm' | 'note') => {
    setTab('thread');
    // The composer exists once the thread tab is shown.
    requestAnimationFrame(() => composer.current?.focus(mode));
  };

  const group = t('conversation.shortcuts.group');
  useShortcuts([
    {
      keys: 'a',
      group,
      description: t('conversation.shortcuts.claim'),
      run: () => conversation && actions.run({ kind: 'claim' }),
    },
    { keys: 'r', group, description: t('replies.shortcuts.reply'), run: () => write('reply') },
    { keys: 'd', group, description: t('replies.shortcuts.dm'), run: () => write('dm') },
    { keys: 'n', group, description: t('conversation.shortcuts.note'), run: () => write('note') },
    {
      keys: 'e',
      group,
      description: t('conversation.shortcuts.resolveNext'),
      run: () => {
        if (!conversation) return;
        if (conversation.status === 'resolved') onNext();
        else actions.run({ kind: 'status', status: 'resolved' }, { onSuccess: onNext });
      },
    },
    { keys: 's', group, description: t('conversation.shortcuts.snooze'), run: () => openPicker('snooze') },
    { keys: 't', group, description: t('conversation.shortcuts.tags'), run: () => openPicker('tags') },
    { keys: 'p', group, description: t('conversation.shortcuts.priority'), run: () => openPicker('priority') },
    { keys: 'm', group, description: t('conversation.shortcuts.macros'), run: () => openPicker('macros') },
    {
      keys: 'Escape',
      group,
      description: t('conversation.shortcuts.close'),
      run: () => (picker ? setPicker(null) : onClose()),
    },
  ]);

  const agentList = agents.data ?? [];
  const brand = brands.data?.find((b) => b.id === conversation?.brandId);
  const timeZone = brand?.timeZone;

  return (
    <section className="conversation-pane" aria-label={t('conversation.label')} tabIndex={-1} ref={pane}>
      <div className="conversation-pane-bar">
        <button type="button" className="button button-small" onClick={onClose} aria-keyshortcuts="Escape">
          {t('conversation.close')}
        </button>
      </div>
      {detail.isPending ? <Loading /> : null}
      <ErrorMessage error={detail.error} overrides={{ NOT_FOUND: t('conversation.notFound') }} />
      {/* Older than the history the brand's plan keeps: those who may buy a plan get the way there. */}
      {isHiddenHistory(detail.error) && role && canOpen(role, 'billing') ? (
        <p>
          <Link to={`/o/${organizationId}/billing`}>{t('conversation.seePlans')}</Link>
        </p>
      ) : null}
      {detail.data && conversation ? (
        <>
          <ConversationHeader
            conversation={conversation}
            meUserId={meUserId}
            agents={agentList}
            teams={teams.data ?? []}
            tags={tags.data ?? []}
            macros={macros.data}
            presence={presence.data?.[conversationId] ?? []}
            timeZone={timeZone}
            pending={actions.pending}
            picker={picker}
            setPicker={setPicker}
            run={actions.run}
          />
          {actions.conflict ? (
            <div className="alert alert-error conflict-banner" role="alert">
              <span>{actions.conflict}</span>{' '}
              <button type="button" className="button button-small" onClick={actions.dismissConflict}>
                {t('conversation.conflict.dismiss')}
              </button>
            </div>
          ) : null}
          <ErrorMessage error={actions.error} />

          <div className="tabs" role="tablist" aria-label={t('conversation.label')}>
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`conversation-tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`conversation-panel-${name}`}
                className={tab === name ? 'tab tab-active' : 'tab'}
                onClick={() => setTab(name)}
              >
                {t(`conversation.tabs.${name}`)}
              </button>
            ))}
          </div>
          <div
            className="tab-panel"
            role="tabpanel"
            id={`conversation-panel-${tab}`}
            aria-labelledby={`conversation-tab-${tab}`}
          >
            {tab === 'thread' ? (
              <>
                {detail.data.threadTruncated ? <p className="muted">{t('conversation.thread.truncated')}</p> : null}
                <Thread
                  organizationId={organizationId}
                  conversationId={conversationId}
                  items={detail.data.thread}
                  agents={agentList}
                  timeZone={timeZone}
                  meUserId={meUserId}
                  cancelsAny={Boolean(role && CANCELS_ANY.has(role))}
                />
                {meUserId ? (
                  <Composer
                    ref={composer}
                    organizationId={organizationId}
                    conversation={conversation}
                    thread={detail.data.thread}
                    userId={meUserId}
                    agentName={me.data?.user.name ?? null}
                    brandName={brand?.name ?? null}
                    onActivity={heartbeat.onComposerActivity}
                    noteRef={noteField}
                    note={
                      <NoteComposer
                        organizationId={organizationId}
                        conversationId={conversationId}
                        agents={agentList}
                        textareaRef={noteField}
                        onActivity={heartbeat.onComposerActivity}
                      />
                    }
                  />
                ) : null}
              </>
            ) : null}
            {tab === 'timeline' ? (
              <Timeline
                events={detail.data.timeline}
                agents={agentList}
                teams={teams.data ?? []}
                tags={tags.data ?? []}
                timeZone={timeZone}
              />
            ) : null}
            {tab === 'customer' ? (
              <CustomerPanel
                organizationId={organizationId}
                conversationId={conversationId}
                customer={detail.data.customer}
                timeZone={timeZone}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
