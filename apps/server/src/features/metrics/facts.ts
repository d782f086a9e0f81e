import type { BusinessCalendar } from '@perch/shared';
import { businessMs } from './business-hours.ts';
import { computeConversationMetrics, type EpisodeMetrics } from './episodes.ts';
import { byOccurrence, isAutomated, replyIdOf, type MetricEvent } from './metric-events.ts';

/**
 * A conversation's metric facts (docs/metrics.md, "Rollups"): every measured value of its event log as one row,
 * with the instant it is bucketed at and the agent it is attributed to. Pure: the rollups are sums of these, so
 * the same events and dimensions always give the same facts, whichever path (worker or rebuild) computes them.
 */

export const DURATION_KINDS = ['first_response', 'reply', 'resolution', 'full_resolution', 'requester_wait'] as const;
export const COUNT_KINDS = ['inbound', 'outbound', 'episode_start'] as const;
export const SLA_KINDS = ['sla_first_response', 'sla_next_response', 'sla_resolution'] as const;
export const FACT_KINDS = [...DURATION_KINDS, ...COUNT_KINDS, ...SLA_KINDS] as const;

export type DurationKind = (typeof DURATION_KINDS)[number];
export type SlaKind = (typeof SLA_KINDS)[number];
export type FactKind = (typeof FACT_KINDS)[number];

const DURATION_SET: ReadonlySet<string> = new Set(DURATION_KINDS);
const SLA_SET: ReadonlySet<string> = new Set(SLA_KINDS);
export const isDurationKind = (kind: string): kind is DurationKind => DURATION_SET.has(kind);
export const isSlaKind = (kind: string): kind is SlaKind => SLA_SET.has(kind);

/** One fact before the conversation's dimensions are attached. */
export interface Fact {
  kind: FactKind;
  /** The episode index (docs/metrics.md); full_resolution carries the last episode's. */
  episode: number;
  /** The nth fact of this kind in the episode (replies, inbound messages, next-response clocks); 0 otherwise. */
  seq: number;
  /** The instant the fact is bucketed at (the reply's sent time, the resolution, the message time…). */
  at: Date;
  /** Calendar milliseconds (duration kinds only). */
  ms: number | null;
  /** Business milliseconds on the brand's calendar; equal to `ms` when the brand has none (duration kinds only). */
  businessMs: number | null;
  /** SLA kinds only: fulfilled before its due time. */
  hit: boolean | null;
  /** The replying agent (first_response, reply, outbound), else the conversation's assignee. */
  agentUserId: string | null;
}

/** The per-conversation summary stored in ConversationMetric (exports, drill-down lists). */
export interface ConversationSummary {
  episodes: number;
  inboundCount: number;
  outboundCount: number;
  /** The first episode's first response (the conversation's first answer), null when it had none. */
  firstResponseMs: number | null;
  firstResponseBusinessMs: number | null;
  firstResponseAgentUserId: string | null;
  /** Exact median of every reply time of the conversation (all episodes). */
  replyTimeMedianMs: number | null;
  replyTimeMedianBusinessMs: number | null;
  /** How many reply times were measured (the median's population). */
  replyCount: number;
  /** The latest resolved episode's resolution time. */
  resolutionMs: number | null;
  resolutionBusinessMs: number | null;
  fullResolutionMs: number | null;
  fullResolutionBusinessMs: number | null;
  /** Sum over the episodes; an open episode counts up to the conversation's last event. */
  requesterWaitMs: number;
  requesterWaitBusinessMs: number;
  slaHits: number;
  slaBreaches: number;
}

export interface ConversationFacts {
  facts: Fact[];
  summary: ConversationSummary;
}

const SLA_TARGETS: Readonly<Record<string, SlaKind>> = {
  first_response: 'sla_first_response',
  next_response: 'sla_next_response',
  resolution: 'sla_resolution',
};

function field(data: unknown, key: string): unknown {
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The episode an instant falls in: the last one started at or before it (episodes are in order). */
function episodeAt(episodes: readonly EpisodeMetrics[], at: Date): number {
  let index = 0;
  for (const e of episodes) if (e.startedAt.getTime() <= at.getTime()) index = e.index;
  return index;
}

/**
 * The facts of one conversation from its event log. `assigneeUserId` is the conversation's current assignee (the
 * agent of every fact that is not a reply); `calendar` is the brand's business calendar (null: open around the clock).
 */
export function computeFacts(
  events: readonly MetricEvent[],
  assigneeUserId: string | null,
  calendar: BusinessCalendar | null,
): ConversationFacts {
  const calendarMetrics = computeConversationMetrics(events);
  // The same computation with business time: the instants are identical, only the lengths differ.
  const business = calendar
    ? computeConversationMetrics(events, { duration: (from, to) => businessMs(calendar, from, to) })
    : calendarMetrics;
  const facts: Fact[] = [];
  const push = (fact: Omit<Fact, 'hit'> & { hit?: boolean }) => facts.push({ hit: null, ...fact });
  const { episodes } = calendarMetrics;

  episodes.forEach((episode, i) => {
    const twin = business.episodes[i]!;
    const base = { episode: episode.index, agentUserId: assigneeUserId };
    push({ ...base, kind: 'episode_start', seq: 0, at: episode.startedAt, ms: null, businessMs: null });
    if (episode.firstResponse) {
      push({
        ...base,
        kind: 'first_response',
        seq: 0,
        at: episode.firstResponse.at,
        ms: episode.firstResponse.ms,
        businessMs: twin.firstResponse!.ms,
        agentUserId: episode.firstResponse.agentUserId,
      });
    }
    episode.replyTimes.forEach((reply, seq) => {
      push({
        ...base,
        kind: 'reply',
        seq,
        at: reply.at,
        ms: reply.ms,
        businessMs: twin.replyTimes[seq]!.ms,
        agentUserId: reply.agentUserId,
      });
    });
    if (episode.resolvedAt && episode.resolutionMs !== null) {
      const at = episode.resolvedAt;
      push({ ...base, kind: 'resolution', seq: 0, at, ms: episode.resolutionMs, businessMs: twin.resolutionMs });
      push({
        ...base,
        kind: 'requester_wait',
        seq: 0,
        at,
        ms: episode.requesterWaitMs,
        businessMs: twin.requesterWaitMs,
      });
    }
  });
  const last = episodes[episodes.length - 1];
  if (last?.resolvedAt && calendarMetrics.fullResolutionMs !== null) {
    push({
      kind: 'full_resolution',
      episode: last.index,
      seq: 0,
      at: last.resolvedAt,
      ms: calendarMetrics.fullResolutionMs,
      businessMs: business.fullResolutionMs,
      agentUserId: assigneeUserId,
    });
  }

  const sorted = [...events].sort(byOccurrence);
  const perEpisode = new Map<string, number>();
  const nextSeq = (kind: string, episode: number) => {
    const key = `${kind}:${episode}`;
    const n = perEpisode.get(key) ?? 0;
    perEpisode.set(key, n + 1);
    return n;
  };
  const sentReplies = new Set<string>();
  // One SLA outcome per clock: a clock is named by its target, episode and due time.
  const slaOutcomes = new Map<string, Fact>();
  for (const event of sorted) {
    const at = event.occurredAt;
    if (event.type === 'received') {
      const episode = episodeAt(episodes, at);
      push({
        kind: 'inbound',
        episode,
        seq: nextSeq('inbound', episode),
        at,
        ms: null,
        businessMs: null,
        agentUserId: assigneeUserId,
      });
    } else if (event.type === 'reply_sent') {
      // Every reply Perch sent counts once as outbound volume (a reconciliation may record it sent twice).
      const id = replyIdOf(event);
      if (id !== null) {
        if (sentReplies.has(id)) continue;
        sentReplies.add(id);
      }
      const episode = episodeAt(episodes, at);
      push({
        kind: 'outbound',
        episode,
        seq: nextSeq('outbound', episode),
        at,
        ms: null,
        businessMs: null,
        agentUserId: isAutomated(event) ? null : event.actorUserId,
      });
    } else if (event.type === 'sla_met' || event.type === 'sla_breached') {
      const kind = SLA_TARGETS[String(field(event.data, 'target'))];
      const rawEpisode = field(event.data, 'episode');
      if (!kind) continue;
      const episode = Number.isSafeInteger(rawEpisode) && (rawEpisode as number) >= 0 ? (rawEpisode as number) : 0;
      const key = `${kind}:${episode}:${String(field(event.data, 'dueAt'))}`;
      const hit = event.type === 'sla_met';
      const known = slaOutcomes.get(key);
      // A breach is final (a clock fulfilled after its breach stays breached): it wins over any met record.
      if (known) {
        if (!hit) known.hit = false;
        continue;
      }
      const fact: Fact = {
        kind,
        episode,
        seq: nextSeq(kind, episode),
        at,
        ms: null,
        businessMs: null,
        hit,
        agentUserId: assigneeUserId,
      };
      slaOutcomes.set(key, fact);
      facts.push(fact);
    }
  }

  const first = episodes[0];
  const lastResolved = [...episodes].reverse().find((e) => e.resolvedAt !== null);
  const lastResolvedTwin = lastResolved ? business.episodes[lastResolved.index]! : undefined;
  const sla = [...slaOutcomes.values()];
  const summary: ConversationSummary = {
    episodes: episodes.length,
    inboundCount: facts.filter((f) => f.kind === 'inbound').length,
    outboundCount: facts.filter((f) => f.kind === 'outbound').length,
    firstResponseMs: first?.firstResponse?.ms ?? null,
    firstResponseBusinessMs: business.episodes[0]?.firstResponse?.ms ?? null,
    firstResponseAgentUserId: first?.firstResponse?.agentUserId ?? null,
    replyTimeMedianMs: median(episodes.flatMap((e) => e.replyTimes.map((r) => r.ms))),
    replyTimeMedianBusinessMs: median(business.episodes.flatMap((e) => e.replyTimes.map((r) => r.ms))),
    replyCount: episodes.reduce((n, e) => n + e.replyTimes.length, 0),
    resolutionMs: lastResolved?.resolutionMs ?? null,
    resolutionBusinessMs: lastResolvedTwin?.resolutionMs ?? null,
    fullResolutionMs: calendarMetrics.fullResolutionMs,
    fullResolutionBusinessMs: business.fullResolutionMs,
    requesterWaitMs: episodes.reduce((n, e) => n + e.requesterWaitMs, 0),
    requesterWaitBusinessMs: business.episodes.reduce((n, e) => n + e.requesterWaitMs, 0),
    slaHits: sla.filter((f) => f.hit === true).length,
    slaBreaches: sla.filter((f) => f.hit === false).length,
  };
  return { facts, summary };
}
