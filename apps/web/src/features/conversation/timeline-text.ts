import type { TimelineEvent } from '@perch/shared';
import { PRIORITIES } from '@perch/shared/vocabulary';
import type { TFunction } from '@/lib/i18n.ts';

export interface TimelineNames {
  user: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
  tag: (id: string) => string | undefined;
  date: (iso: string) => string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const STATUSES = new Set(['new', 'open', 'pending', 'snoozed', 'resolved']);
/** AutomationActionType (packages/shared/src/automation.ts), each with its words in the timeline. */
const RULE_ACTIONS = new Set([
  'add_tag',
  'set_priority',
  'assign_team',
  'assign_agent',
  'add_note',
  'notify',
  'mark_spam',
]);
/** SlaTarget (packages/shared/src/sla.ts). */
const SLA_TARGETS = new Set(['first_response', 'next_response', 'resolution']);

/**
 * How much of its target an SLA clock had used when it warned: `warnAtPercent` when the event says it, else from
 * the remaining time when the target counts every hour (the clock runs when it warns, so what is left until the due
 * time is what is left of the target). On business hours the calendar would be needed: no figure then.
 */
function warnedPercent(data: Record<string, unknown>, at: string): number | undefined {
  if (typeof data['warnAtPercent'] === 'number') return data['warnAtPercent'];
  const target = data['targetMinutes'];
  const due = Date.parse(str(data['dueAt']) ?? '');
  if (data['businessHours'] !== false || typeof target !== 'number' || !(target > 0) || Number.isNaN(due)) {
    return undefined;
  }
  const percent = Math.round(100 - ((due - Date.parse(at)) / (target * 60_000)) * 100);
  return percent >= 1 && percent <= 99 ? percent : undefined;
}

/**
 * One timeline event as a sentence: "Léa Martin assigned it to Marc", "Perch changed the status: pending → open
 * (the customer wrote again)", "Rule “refund” raised the priority to urgent", "Rule “VIP” ran: added a tag, set the
 * priority", "Léa Martin applied the macro “Refund”", "First response SLA breached (due …)". Unknown event types still
 * read.
 */
export function describeEvent(event: TimelineEvent, names: TimelineNames, t: TFunction): string {
  const data = event.data;
  const rule = str(data['ruleName']);
  // A change made by an automation rule has no person behind it: it reads as done by the rule, never "someone".
  const actor =
    event.actorName ??
    (rule
      ? t('conversation.timeline.rule', { name: rule })
      : str(data['ruleId'])
        ? t('conversation.timeline.automation')
        : t('conversation.timeline.system'));
  const status = (value: unknown) => {
    const s = str(value);
    return s && STATUSES.has(s) ? t(`conversation.status.${s as 'open'}`) : (s ?? '?');
  };
  const priority = (value: unknown) => {
    const p = str(value);
    return p && (PRIORITIES as readonly string[]).includes(p)
      ? t(`conversation.priority.${p as 'normal'}`)
      : (p ?? '?');
  };
  const slaTarget = () => {
    const target = str(data['target']);
    return target && SLA_TARGETS.has(target)
      ? t(`conversation.timeline.slaTargets.${target as 'resolution'}`)
      : (target ?? '?').replaceAll('_', ' ');
  };
  const due = () => {
    const dueAt = str(data['dueAt']);
    return dueAt ? names.date(dueAt) : '?';
  };
  const because = str(data['reason']) === 'customer_message' ? ` ${t('conversation.timeline.customerWrote')}` : '';

  switch (event.type) {
    case 'conversation_created':
      return t('conversation.timeline.created');
    case 'received':
      return t('conversation.timeline.received');
    case 'outbound_received':
      return t('conversation.timeline.outboundReceived');
    case 'status_changed':
      return (
        t('conversation.timeline.statusChanged', { actor, from: status(data['from']), to: status(data['to']) }) +
        because
      );
    case 'reopened':
      return t('conversation.timeline.reopened', { actor }) + because;
    case 'assigned': {
      const assigneeId = str(data['assigneeUserId']) ?? str(data['to']);
      const assignee = str(data['assigneeName']) ?? (assigneeId ? names.user(assigneeId) : undefined) ?? '?';
      if (assigneeId && assigneeId === event.actorUserId) return t('conversation.timeline.claimed', { actor });
      return t('conversation.timeline.assigned', { actor, name: assignee });
    }
    case 'unassigned':
      return t('conversation.timeline.unassigned', { actor });
    case 'team_changed': {
      const teamId = str(data['teamId']) ?? str(data['to']);
      const team = str(data['teamName']) ?? (teamId ? names.team(teamId) : undefined);
      return team
        ? t('conversation.timeline.teamSet', { actor, team })
        : t('conversation.timeline.teamCleared', { actor });
    }
    case 'priority_changed': {
      const from = str(data['from']);
      const to = str(data['to']) ?? str(data['priority']);
      const raised = from && to ? PRIORITIES.indexOf(to as 'normal') < PRIORITIES.indexOf(from as 'normal') : true;
      return t(raised ? 'conversation.timeline.priorityRaised' : 'conversation.timeline.priorityLowered', {
        actor,
        priority: priority(to),
      });
    }
    case 'tags_changed': {
      const added = ids(data['added'] ?? data['add']).map((id) => names.tag(id) ?? '?');
      const removed = ids(data['removed'] ?? data['remove']).map((id) => names.tag(id) ?? '?');
      const parts = [...added.map((n) => `+${n}`), ...removed.map((n) => `−${n}`)].join(' ');
      return t('conversation.timeline.tagsChanged', { actor, tags: parts || '—' });
    }
    case 'note_added':
      return t('conversation.timeline.noteAdded', { actor });
    case 'snoozed': {
      const until = str(data['snoozedUntil']) ?? str(data['until']);
      return t('conversation.timeline.snoozed', { actor, until: until ? names.date(until) : '?' });
    }
    case 'woke':
      return t('conversation.timeline.woke');
    case 'automation_ran': {
      const done = ids(data['actions']).map((type) =>
        t(`conversation.timeline.automationActions.${RULE_ACTIONS.has(type) ? (type as 'add_tag') : 'other'}`),
      );
      return done.length
        ? t('conversation.timeline.automationRan', { actor, actions: done.join(', ') })
        : t('conversation.timeline.automationRanNothing', { actor });
    }
    case 'macro_applied':
      return t('conversation.timeline.macroApplied', { actor, name: str(data['macroName']) ?? '?' });
    case 'reply_queued':
      return t(data['isDirectMessage'] ? 'conversation.timeline.dmQueued' : 'conversation.timeline.replyQueued', {
        actor,
      });
    case 'reply_submitted':
      return t('conversation.timeline.replySubmitted', { actor });
    case 'reply_sent':
      return t(data['reconciled'] ? 'conversation.timeline.replySentFound' : 'conversation.timeline.replySent', {
        actor,
      });
    case 'reply_failed':
      return t('conversation.timeline.replyFailed', { error: str(data['error']) ?? '?' });
    case 'reply_dead':
      return t('conversation.timeline.replyDead', { error: str(data['error']) ?? '?' });
    case 'reply_retried':
      return t('conversation.timeline.replyRetried', { actor });
    case 'reply_canceled':
      return t('conversation.timeline.replyCanceled', { actor });
    case 'reply_approved':
      return t(data['edited'] ? 'conversation.timeline.replyApprovedEdited' : 'conversation.timeline.replyApproved', {
        actor,
      });
    case 'reply_rejected':
      return t('conversation.timeline.replyRejected', { actor, comment: str(data['comment']) ?? '' });
    case 'sla_warning': {
      const percent = warnedPercent(data, event.at);
      return percent === undefined
        ? t('conversation.timeline.slaWarningDue', { target: slaTarget(), due: due() })
        : t('conversation.timeline.slaWarning', { target: slaTarget(), percent, due: due() });
    }
    case 'sla_breached':
      return t('conversation.timeline.slaBreached', { target: slaTarget(), due: due() });
    case 'sla_met':
      return t('conversation.timeline.slaMet', { target: slaTarget() });
    default:
      return t('conversation.timeline.other', { actor, type: event.type.replaceAll('_', ' ') });
  }
}
