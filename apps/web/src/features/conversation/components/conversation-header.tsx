import type { MacroItem, PresenceEntry } from '@perch/shared';
import { PRIORITIES } from '@perch/shared/vocabulary';
import { useEffect, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { formatRelative } from '@/lib/format.ts';
import type { ConversationAction } from '../use-conversation-actions.ts';
import type { AgentOption, Conversation, TagOption, TeamOption } from '../types.ts';
import { MacroMenu } from './macro-menu.tsx';
import { Picker } from './picker.tsx';
import { StatusControls } from './status-controls.tsx';

export type PickerName = 'snooze' | 'assignee' | 'team' | 'priority' | 'tags' | 'macros';

interface HeaderProps {
  conversation: Conversation;
  meUserId: string | undefined;
  agents: AgentOption[];
  teams: TeamOption[];
  tags: TagOption[];
  /** The macros usable on the conversation's brand (undefined while loading). */
  macros: readonly MacroItem[] | undefined;
  presence: PresenceEntry[];
  timeZone?: string;
  pending: boolean;
  picker: PickerName | null;
  setPicker: (picker: PickerName | null) => void;
  run: (action: ConversationAction) => void;
}

/** Who the customer is, where the conversation stands, and every action on it. */
export function ConversationHeader(props: HeaderProps) {
  const { conversation: c, agents, teams, tags, picker, setPicker, run, pending, meUserId } = props;
  const { t } = useTranslation();
  const toggle = (name: PickerName) => setPicker(picker === name ? null : name);
  const assignee = agents.find((a) => a.userId === c.assigneeUserId);
  const team = teams.find((x) => x.id === c.teamId);
  const brandTags = tags.filter((tag) => tag.brandId === c.brandId);
  const availability = (a: AgentOption) => t(`conversation.availability.${a.availability}`);
  const trigger = (name: PickerName, label: string, value: string) => (
    <button
      type="button"
      className="button button-small picker-trigger"
      aria-haspopup="dialog"
      aria-expanded={picker === name}
      data-picker-trigger={name}
      aria-label={`${label}: ${value}`}
      onClick={() => toggle(name)}
    >
      <span className="subtle">{label}</span> {value}
    </button>
  );

  return (
    <header className="conversation-header stack">
      <div className="conversation-title">
        <h2>{c.customer.displayName}</h2>
        {c.customer.username ? <span className="subtle">@{c.customer.username}</span> : null}
        {c.customer.verified ? (
          <span
            className="verified"
            title={t('conversation.customer.verified')}
            aria-label={t('conversation.customer.verified')}
          >
            ✓
          </span>
        ) : null}
        {c.isVip ? <span className="badge badge-vip">{t('conversation.customer.vip')}</span> : null}
        <SlaClock dueAt={c.slaDueAt} state={c.slaState} />
      </div>
      <PresenceLine entries={props.presence} meUserId={meUserId} />

      <StatusControls
        status={c.status}
        timeZone={props.timeZone}
        disabled={pending}
        snoozeOpen={picker === 'snooze'}
        setSnoozeOpen={(open) => setPicker(open ? 'snooze' : null)}
        run={run}
      />

      <div className="toolbar conversation-pickers">
        <div className="picker-anchor">
          {trigger(
            'assignee',
            t('conversation.header.assignee'),
            assignee?.name ?? t('conversation.header.unassigned'),
          )}
          {picker === 'assignee' ? (
            <Picker
              label={t('conversation.header.assignee')}
              disabled={pending}
              options={[
                ...(meUserId
                  ? [{ id: meUserId, label: t('conversation.header.me'), selected: c.assigneeUserId === meUserId }]
                  : []),
                ...agents
                  .filter((a) => a.userId !== meUserId)
                  .map((a) => ({
                    id: a.userId,
                    label: a.name,
                    hint: availability(a),
                    selected: a.userId === c.assigneeUserId,
                  })),
                ...(c.assigneeUserId ? [{ id: 'none', label: t('conversation.header.unassign') }] : []),
              ]}
              onSelect={(id) => run({ kind: 'assign', assigneeUserId: id === 'none' ? null : id })}
              onClose={() => setPicker(null)}
            />
          ) : null}
        </div>
        <div className="picker-anchor">
          {trigger('team', t('conversation.header.team'), team?.name ?? t('conversation.header.noTeam'))}
          {picker === 'team' ? (
            <Picker
              label={t('conversation.header.team')}
              disabled={pending}
              options={[
                ...teams
                  .filter((x) => x.brandIds.length === 0 || x.brandIds.includes(c.brandId))
                  .map((x) => ({ id: x.id, label: x.name, selected: x.id === c.teamId })),
                ...(c.teamId ? [{ id: 'none', label: t('conversation.header.noTeam') }] : []),
              ]}
              onSelect={(id) => run({ kind: 'team', teamId: id === 'none' ? null : id })}
              onClose={() => setPicker(null)}
            />
          ) : null}
        </div>
        <div className="picker-anchor">
          {trigger('priority', t('conversation.header.priority'), t(`conversation.priority.${c.priority}`))}
          {picker === 'priority' ? (
            <Picker
              label={t('conversation.header.priority')}
              disabled={pending}
              options={PRIORITIES.map((p) => ({
                id: p,
                label: t(`conversation.priority.${p}`),
                selected: p === c.priority,
              }))}
              onSelect={(id) => run({ kind: 'priority', priority: id as (typeof PRIORITIES)[number] })}
              onClose={() => setPicker(null)}
            />
          ) : null}
        </div>
        <div className="picker-anchor">
          {trigger(
            'tags',
            t('conversation.header.tags'),
            c.tagIds.map((id) => brandTags.find((tag) => tag.id === id)?.name ?? '?').join(', ') ||
              t('conversation.header.noTags'),
          )}
          {picker === 'tags' ? (
            <Picker
              label={t('conversation.header.tags')}
              multiple
              disabled={pending}
              options={brandTags.map((tag) => ({ id: tag.id, label: tag.name, selected: c.tagIds.includes(tag.id) }))}
              onSelect={(id) =>
                run(
                  c.tagIds.includes(id)
                    ? { kind: 'tags', add: [], remove: [id] }
                    : { kind: 'tags', add: [id], remove: [] },
                )
              }
              onClose={() => setPicker(null)}
            />
          ) : null}
        </div>
        <MacroMenu
          macros={props.macros}
          open={picker === 'macros'}
          setOpen={(open) => setPicker(open ? 'macros' : null)}
          disabled={pending}
          apply={(macroId) => run({ kind: 'macro', macroId })}
        />
      </div>
    </header>
  );
}

/** "SLA due in 12 minutes" / "SLA overdue (5 minutes ago)"; "—" without an SLA. Ticks every 30 s. */
function SlaClock({ dueAt, state }: { dueAt: string | null; state: Conversation['slaState'] }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!dueAt) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [dueAt]);
  if (!dueAt) {
    return (
      <span className="sla-clock" aria-label={t('conversation.sla.none')}>
        {t('conversation.sla.label')} —
      </span>
    );
  }
  const overdue = new Date(dueAt).getTime() <= now || state === 'breached';
  const when = formatRelative(dueAt, i18n.language, now);
  return (
    <span className={`sla-clock sla-${overdue ? 'breached' : state}`}>
      {t(overdue ? 'conversation.sla.overdue' : 'conversation.sla.due', { when })}
    </span>
  );
}

/** "Léa Martin is viewing", "Marc is typing…" (the signed-in agent is not listed). */
function PresenceLine({ entries, meUserId }: { entries: PresenceEntry[]; meUserId: string | undefined }) {
  const { t } = useTranslation();
  const others = entries.filter((e) => e.userId !== meUserId);
  if (others.length === 0) return null;
  return (
    <p className="presence-line" aria-live="polite">
      {others
        .map((e) => (e.typing ? t('presence.typing', { name: e.name }) : t('presence.viewing', { name: e.name })))
        .join(' · ')}
    </p>
  );
}
