import {
  byOccurrence,
  calendarDuration,
  isAutomated,
  replyIdOf,
  statusAfter,
  WAITING_STATUSES,
  type Duration,
  type MetricEvent,
} from './metric-events.ts';

/**
 * The response-time metrics of one conversation, computed from its event log exactly as docs/metrics.md
 * ("Metric definitions v1") states them. Pure: the same events give the same figures in any input order.
 */

/** A sent agent reply measured against a start instant. */
export interface ResponseMeasure {
  /** When the network accepted the reply. */
  at: Date;
  ms: number;
  /** The reply's author, whoever the conversation was assigned to. */
  agentUserId: string;
}

export interface EpisodeMetrics {
  /** 0 for the conversation's first episode, then 1, 2… for each reopening. */
  index: number;
  startedAt: Date;
  resolvedAt: Date | null;
  firstResponse: ResponseMeasure | null;
  replyTimes: ResponseMeasure[];
  resolutionMs: number | null;
  /** Time in `new`/`open`, up to the resolution (or up to `now` while the episode is open). */
  requesterWaitMs: number;
}

export interface ConversationMetrics {
  episodes: EpisodeMetrics[];
  /** Conversation creation → last resolution; null while the conversation is not resolved. */
  fullResolutionMs: number | null;
}

export interface MetricOptions {
  /** Defaults to calendar time (`to − from`); pass a business-hours duration for the twins. */
  duration?: Duration;
  /** Where an open episode's requester wait stops; defaults to the last event's time. */
  now?: Date;
}

interface OpenEpisode extends EpisodeMetrics {
  /** This episode's inbound messages not yet answered, oldest first. */
  unanswered: Date[];
  /** When the current new/open stretch began, or null while paused. */
  waitingFrom: Date | null;
}

interface WrittenReply {
  episode: OpenEpisode | null;
  at: Date;
}

export function computeConversationMetrics(
  events: readonly MetricEvent[],
  options: MetricOptions = {},
): ConversationMetrics {
  const duration = options.duration ?? calendarDuration;
  const sorted = [...events].sort(byOccurrence);
  const episodes: OpenEpisode[] = [];
  const written = new Map<string, WrittenReply>();
  const counted = new Set<string>();
  let createdAt: Date | null = null;
  let status = 'new';
  let current: OpenEpisode | null = null;

  const setStatus = (to: string, at: Date) => {
    if (current) {
      const wasWaiting = WAITING_STATUSES.has(status);
      const isWaiting = WAITING_STATUSES.has(to);
      if (wasWaiting && !isWaiting && current.waitingFrom) {
        current.requesterWaitMs += duration(current.waitingFrom, at);
        current.waitingFrom = null;
      } else if (!wasWaiting && isWaiting) {
        current.waitingFrom = at;
      }
    }
    status = to;
    if (to === 'resolved' && current) {
      current.resolvedAt = at;
      current.resolutionMs = duration(current.startedAt, at);
      current = null;
    }
  };

  const startEpisode = (at: Date) => {
    // An inbound message on a resolved conversation reopens it even if the `reopened` event is missing.
    if (status === 'resolved') status = 'open';
    current = {
      index: episodes.length,
      startedAt: at,
      resolvedAt: null,
      firstResponse: null,
      replyTimes: [],
      resolutionMs: null,
      requesterWaitMs: 0,
      unanswered: [],
      waitingFrom: WAITING_STATUSES.has(status) ? at : null,
    };
    episodes.push(current);
    return current;
  };

  for (const event of sorted) {
    const at = event.occurredAt;
    if (event.type === 'conversation_created') createdAt ??= at;
    const to = statusAfter(event);
    if (to !== null) setStatus(to, at);
    switch (event.type) {
      case 'reopened':
        if (!current) startEpisode(at);
        break;
      case 'received':
        (current ?? startEpisode(at)).unanswered.push(at);
        break;
      case 'reply_queued':
      case 'reply_submitted': {
        const id = replyIdOf(event);
        if (id && !written.has(id)) written.set(id, { episode: current, at });
        break;
      }
      case 'reply_sent':
        replySent(event, current);
        break;
    }
  }

  function replySent(event: MetricEvent, open: OpenEpisode | null) {
    if (isAutomated(event)) return;
    const id = replyIdOf(event);
    if (id !== null) {
      if (counted.has(id)) return;
      counted.add(id);
    }
    const { episode, at: writtenAt } = (id !== null ? written.get(id) : undefined) ?? {
      episode: open,
      at: event.occurredAt,
    };
    if (!episode) return;
    const sentAt = event.occurredAt;
    const measure = (from: Date): ResponseMeasure => ({
      at: sentAt,
      ms: duration(from, sentAt),
      agentUserId: event.actorUserId!,
    });
    episode.firstResponse ??= measure(episode.startedAt);
    const oldest = episode.unanswered[0];
    if (oldest && oldest.getTime() <= writtenAt.getTime()) {
      episode.replyTimes.push(measure(oldest));
      episode.unanswered = episode.unanswered.filter((t) => t.getTime() > writtenAt.getTime());
    }
  }

  const open = current as OpenEpisode | null;
  if (open?.waitingFrom) {
    const end = options.now ?? sorted[sorted.length - 1]!.occurredAt;
    if (end.getTime() > open.waitingFrom.getTime()) open.requesterWaitMs += duration(open.waitingFrom, end);
  }
  const last = episodes[episodes.length - 1];
  const start = createdAt ?? sorted[0]?.occurredAt ?? null;
  return {
    episodes: episodes.map(({ unanswered: _u, waitingFrom: _w, ...episode }) => episode),
    fullResolutionMs: last?.resolvedAt && start ? duration(start, last.resolvedAt) : null,
  };
}
