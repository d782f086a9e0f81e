import { createHash } from 'node:crypto';
import type { BusinessCalendar, ConversationStatus, Priority } from '@perch/shared';
import { addBusinessMs } from '../features/metrics/business-hours.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { createCustomerPool, type CustomerProfile } from '../sandbox/customers.ts';
import { createPrng, type Prng } from '../sandbox/prng.ts';
import { compose, type BrandKind, type Topic } from '../sandbox/text-templates.ts';
import { NOTES, REPLIES, SPANISH, TAG_WORDS, type Lang } from './demo-history-text.ts';
import { stableId } from './factories.ts';

/**
 * The demo's history, planned in memory (pure: no database); demo-history.ts writes it.
 *
 * Weeks of simulated past work for the demo brands (issue #6), so that dashboards, SLA achievement and drill-downs
 * have something to show on the first start. Written straight into the tables in bulk, exactly as the product
 * would have left them: customers and handles, mentions, sent replies, notes, and the append-only event log the
 * metrics read (docs/metrics.md). The SLA engine and the metrics worker then derive clocks and rollups from these
 * events (the DirtyConversation trigger marks every conversation); nothing derived is written here.
 *
 * Deterministic: one seeded PRNG per conversation, anchored on `now`, so the same inputs give the same rows.
 * Idempotent: a brand whose history channel exists is skipped (one transaction per brand: all or nothing).
 * History is resolved, except a few clearly old conversations left open (forgotten or waiting on the customer), so
 * the live inbox the simulator fills stays what it was.
 */

export const DEMO_HISTORY_WEEKS = 6;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The demo's SLA targets (minutes, business hours): first response, each next response, resolution. */
export const DEMO_SLA_TARGETS: Record<Priority, { first: number; next: number; resolution: number }> = {
  urgent: { first: 15, next: 60, resolution: 8 * 60 },
  high: { first: 30, next: 120, resolution: 24 * 60 },
  normal: { first: 60, next: 240, resolution: 48 * 60 },
  low: { first: 240, next: 480, resolution: 5 * 24 * 60 },
};
export const POLICY_NAMES: Record<'en' | 'fr', Record<Priority, string>> = {
  en: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  fr: { urgent: 'Urgente', high: 'Haute', normal: 'Normale', low: 'Basse' },
};

/** Public holidays the demo offices close on (whole local days), by time zone. */
const HOLIDAYS: Record<string, string[]> = {
  'Europe/Paris': ['2026-11-01', '2026-11-11', '2026-12-25', '2027-01-01', '2027-04-05', '2027-05-01', '2027-05-08'],
  'America/New_York': ['2026-11-26', '2026-12-25', '2027-01-01', '2027-01-18', '2027-05-31', '2027-07-05'],
};

/** Monday–Friday 08:00–20:00, Saturday 10:00–16:00, closed on Sunday and public holidays, in the brand's zone. */
export function demoBusinessCalendar(timeZone: string): BusinessCalendar {
  const weekday = [{ start: '08:00', end: '20:00' }];
  return {
    timeZone,
    week: [weekday, weekday, weekday, weekday, weekday, [{ start: '10:00', end: '16:00' }], []],
    holidays: HOLIDAYS[timeZone] ?? [],
  };
}

/** How busy a brand is and who writes to it. Unknown brands get a small profile from their locale. */
interface BrandProfile {
  perDay: number;
  languages: Partial<Record<'en' | 'fr' | 'es', number>>;
  /** Day (0 = first day of the history) of an incident that brings a wave of complaints. */
  stormDay: number | null;
}
const PROFILES: Record<string, BrandProfile> = {
  'Skyward Air': { perDay: 40, languages: { fr: 0.6, en: 0.4 }, stormDay: 17 },
  'Skyward Cargo': { perDay: 7, languages: { fr: 0.85, en: 0.15 }, stormDay: null },
  'Northwind Telecom': { perDay: 24, languages: { en: 0.94, es: 0.06 }, stormDay: 26 },
};

// Local arrival curve: quiet nights, a morning peak and an evening shoulder; weekends are calmer.
const HOURLY = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 1.9, 2.0, 1.9, 1.7, 1.6, 1.6, 1.7, 1.8, 1.9, 1.9, 1.7, 1.4, 1.1, 0.8,
  0.5,
];
/** Sunday first (Date#getUTCDay of the local day). */
const WEEKLY = [0.65, 1.15, 1.1, 1.0, 1.0, 1.05, 0.75];

export interface HistoryAgent {
  userId: string;
  teamId: string | null;
}

export interface HistoryBrand {
  id: string;
  organizationId: string;
  name: string;
  handle: string;
  timeZone: string;
  locale: string;
  /** 0-based position among the organization's brands: keeps generated X ids apart between brands. */
  index: number;
  agents: HistoryAgent[];
  /** Tag name → id (the brand's tags). */
  tags: Map<string, string>;
}

export interface HistoryOptions {
  /** The end of history (defaults to the current time); every generated instant is before it. */
  now?: Date;
  weeks?: number;
  seed?: number;
}

interface BrandScoped {
  organizationId: string;
  brandId: string;
}
export interface ConversationRow extends BrandScoped {
  id: string;
  customerId: string;
  status: ConversationStatus;
  priority: Priority;
  assigneeUserId: string | null;
  teamId: string | null;
  tagIds: string[];
  channelId: string;
  isVip: boolean;
  sentiment: string;
  language: string;
  waitingSince: Date | null;
  lastMessageAt: Date;
  episodeStartedAt: Date;
  lastInboundAt: Date;
  lastOutboundAt: Date | null;
  resolvedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface MentionRow extends BrandScoped {
  id: string;
  channelId: string;
  conversationId: string;
  handleId: string;
  externalId: string;
  inReplyToExternalId: string | null;
  kind: string;
  text: string;
  postedAt: Date;
  receivedAt: Date;
  raw: Record<string, unknown>;
  language: string;
  sentiment: string;
  sentimentScore: number;
  isSpam: boolean;
  priorityScore: number;
}
export interface ReplyRow extends BrandScoped {
  id: string;
  conversationId: string;
  channelId: string;
  authorUserId: string;
  text: string;
  inReplyToExternalId: string;
  recipientExternalId: string;
  state: 'sent';
  idempotencyKey: string;
  networkId: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date;
}
export interface EventRow extends BrandScoped {
  conversationId: string;
  type: string;
  actorUserId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export type HistoryKind = 'answered' | 'spam' | 'closed_unanswered' | 'open_forgotten' | 'open_pending';

export interface HistoryRows {
  channel: Prisma.ChannelCreateManyInput;
  customers: { id: string; organizationId: string; displayName: string; createdAt: Date }[];
  handles: {
    id: string;
    organizationId: string;
    customerId: string;
    network: string;
    externalUserId: string;
    username: string;
    followers: number;
    verified: boolean;
    profileUrl: string | null;
  }[];
  conversations: ConversationRow[];
  mentions: MentionRow[];
  replies: ReplyRow[];
  notes: {
    id: string;
    organizationId: string;
    conversationId: string;
    authorUserId: string;
    text: string;
    createdAt: Date;
  }[];
  /** In insertion order: per conversation, chronological, so ids order events written at the same instant. */
  events: EventRow[];
  /** What each conversation was simulated as (tests and the report), by conversation id. */
  kinds: Map<string, HistoryKind>;
}

/** The brand's history channel: stable, so its presence marks the brand's history as seeded. */
export const historyChannelId = (brandId: string) => stableId(`history-channel:${brandId}`);

/**
 * A UUIDv7 at `at` whose other bits are a hash of `name`: deterministic like `stableId`, and time-ordered like the
 * ids Perch makes, so keyset scans and "newest first" see history where it belongs.
 */
export function historyId(name: string, at: number): string {
  const h = createHash('sha256').update(`perch:history:${name}`).digest('hex');
  const ms = Math.max(0, Math.floor(at)).toString(16).padStart(12, '0').slice(-12);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TWITTER_EPOCH_MS = 1288834974657n;
/** X-sized ids (snowflakes) with worker bits 16+ (the sandbox uses 7): never equal to a sandbox post or user id. */
function snowflakes(worker: number) {
  const used = new Set<string>();
  return (at: number) => {
    const base = ((BigInt(Math.floor(at)) - TWITTER_EPOCH_MS) << 22n) | (BigInt(16 + (worker % 16)) << 17n);
    for (let seq = 0n; ; seq++) {
      const id = (base | seq).toString();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

// ───────────────────────────── Time zones ─────────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
/**
 * The zone's offset from UTC at an instant, in ms (wall clock − UTC). Offsets change on whole quarter hours, so
 * one lookup per quarter hour is exact and keeps planning thousands of conversations cheap.
 */
function zoneOffset(zone: string, at: number): number {
  const key = `${zone}:${Math.floor(at / (15 * MINUTE))}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = lookUpOffset(zone, Math.floor(at / (15 * MINUTE)) * 15 * MINUTE);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}
function lookUpOffset(zone: string, at: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const parts = f.formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((x) => x.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}
/** The instant at which the zone's wall clock reads `wall` (wall-clock ms, as if UTC). */
function wallToInstant(zone: string, wall: number): number {
  const first = wall - zoneOffset(zone, wall);
  return wall - zoneOffset(zone, first);
}
const wallDayOf = (zone: string, at: number) => {
  const wall = at + zoneOffset(zone, at);
  return wall - (((wall % DAY) + DAY) % DAY);
};
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Whether the calendar is open at an instant (the same wall-clock reading as business-hours.ts, cheaper). */
function isOpenAt(calendar: BusinessCalendar, at: number): boolean {
  const day = wallDayOf(calendar.timeZone, at);
  if (calendar.holidays.includes(new Date(day).toISOString().slice(0, 10))) return false;
  const minute = (at + zoneOffset(calendar.timeZone, at) - day) / MINUTE;
  const ranges = calendar.week[(new Date(day).getUTCDay() + 6) % 7] ?? [];
  return ranges.some((r) => minute >= minutesOf(r.start) && minute < minutesOf(r.end));
}

/** A number of minutes around `median` (log-normal), kept in [min, max]. */
function minutesAround(prng: Prng, median: number, min: number, max: number) {
  return Math.min(max, Math.max(min, median * Math.exp(0.55 * prng.normal())));
}
const FIRST_MEDIAN: Record<Priority, number> = { urgent: 8, high: 14, normal: 20, low: 30 };
const ON_CALL: Record<Priority, number> = { urgent: 0.5, high: 0.2, normal: 0.08, low: 0.03 };
const uniform = (prng: Prng, min: number, max: number) => min + prng.next() * (max - min);

type HistoryCustomer = CustomerProfile & { customerId: string; handleId: string; externalUserId: string };

interface Ctx {
  brand: HistoryBrand;
  calendar: BusinessCalendar;
  profile: BrandProfile;
  kind: BrandKind;
  code: string;
  /** Nothing is generated at or after this instant. */
  limit: number;
  /** HistoryOptions.seed: another seed, another history. */
  seed: number;
  channelId: string;
  xId: (at: number) => string;
  rows: HistoryRows;
  pickCustomer: (prng: Prng, lang: Lang, spam: boolean, at: number) => HistoryCustomer;
  release: (customerId: string, at: number) => void;
}

function simulateConversation(ctx: Ctx, n: number, t0: number, kind: HistoryKind, storm: boolean) {
  const { brand, calendar, rows, limit } = ctx;
  const prng = createPrng(seedOf(`${ctx.seed}:${brand.id}:${n}`));
  const isOpen = (at: number) => isOpenAt(calendar, at);
  const afterBusiness = (from: number, minutes: number) =>
    addBusinessMs(calendar, new Date(from), minutes * MINUTE).getTime();

  const spam = kind === 'spam';
  const picked = prng.weighted(ctx.profile.languages as Record<Lang, number>);
  const lang: Lang = spam && picked === 'es' ? 'en' : picked;
  const topic: Topic = storm ? 'complaint' : prng.weighted<Topic>({ complaint: 0.55, question: 0.33, praise: 0.12 });
  const templateLang = lang === 'es' ? 'en' : lang;
  const input = { brand: brand.handle, brandCode: ctx.code, kind: ctx.kind, language: templateLang, topic };
  const text =
    lang === 'es'
      ? prng.pick(SPANISH[topic]).replace('{brand}', brand.handle)
      : compose(prng, spam ? 'spam' : storm ? 'storm' : 'topic', input);
  const priority: Priority = spam
    ? 'low'
    : topic === 'complaint'
      ? prng.weighted({ urgent: storm ? 0.4 : 0.15, high: 0.35, normal: 0.45, low: 0.05 })
      : topic === 'question'
        ? prng.weighted({ urgent: 0, high: 0.05, normal: 0.7, low: 0.25 })
        : prng.weighted({ urgent: 0, high: 0, normal: 0.3, low: 0.7 });
  const sentiment = spam
    ? 'neutral'
    : topic === 'complaint'
      ? prng.weighted({ negative: 0.85, neutral: 0.15, positive: 0 })
      : topic === 'question'
        ? prng.weighted({ negative: 0.1, neutral: 0.8, positive: 0.1 })
        : 'positive';
  const tagIds = new Set<string>();
  for (const [name, id] of brand.tags) {
    if (spam) break;
    if (TAG_WORDS[name]?.test(text) || (name === 'praise' && topic === 'praise')) tagIds.add(id);
    if (name === 'shipments' && topic !== 'praise' && prng.chance(0.6)) tagIds.add(id);
  }
  const customer = ctx.pickCustomer(prng, lang, spam, t0);
  const conversationId = historyId(`conversation:${brand.id}:${n}`, t0);
  const agentIndex = Math.floor(prng.next() * brand.agents.length);
  const agent = brand.agents[agentIndex]!;
  const scope = { organizationId: brand.organizationId, brandId: brand.id };

  let last = t0;
  let status: ConversationStatus = 'new';
  let assignee: HistoryAgent | null = null;
  let episodeStart = t0;
  let resolvedAt: number | null = null;
  let lastInbound = t0;
  let lastOutbound: number | null = null;
  let finalPriority = priority;
  let version = 0;
  let replies = 0;
  let mentions = 0;
  const unanswered: number[] = [];
  const push = (type: string, at: number, actorUserId: string | null, data: Record<string, unknown>) => {
    last = Math.max(last, at);
    if (actorUserId) version++;
    rows.events.push({
      ...scope,
      conversationId,
      type,
      actorUserId,
      data,
      occurredAt: new Date(last),
    });
  };
  const firstExternalId = ctx.xId(t0);
  const inbound = (at: number, mentionKind: 'mention' | 'reply', body: string) => {
    const id = historyId(`mention:${conversationId}:${mentions++}`, at);
    const externalId = mentionKind === 'mention' ? firstExternalId : ctx.xId(at);
    rows.mentions.push({
      ...scope,
      id,
      channelId: ctx.channelId,
      conversationId,
      handleId: customer.handleId,
      externalId,
      inReplyToExternalId: mentionKind === 'mention' ? null : firstExternalId,
      kind: mentionKind,
      text: body,
      postedAt: new Date(at),
      receivedAt: new Date(at + 1500),
      raw: { source: 'demo-history' },
      language: lang,
      sentiment: mentionKind === 'mention' ? sentiment : 'neutral',
      sentimentScore: sentiment === 'negative' ? -0.6 : sentiment === 'positive' ? 0.7 : 0,
      isSpam: spam,
      priorityScore: { urgent: 90, high: 70, normal: 40, low: 15 }[priority],
    });
    push('received', at, null, { mentionId: id, kind: mentionKind, spam });
    unanswered.push(at);
    lastInbound = at;
  };
  const setStatus = (to: ConversationStatus, at: number, actor: string | null, extra: Record<string, unknown> = {}) => {
    if (to === status) return;
    push(status === 'resolved' ? 'reopened' : 'status_changed', at, actor, { from: status, to, ...extra });
    if (status === 'resolved') episodeStart = at;
    status = to;
    resolvedAt = to === 'resolved' ? at : null;
  };
  const assign = (to: HistoryAgent, at: number) => {
    push('assigned', at, to.userId, {
      assigneeUserId: to.userId,
      previousUserId: assignee?.userId ?? null,
      via: 'get_next',
    });
    assignee = to;
  };
  /** An agent's reply written at `write` and accepted by the network at `sent`; `then` as in the composer. */
  const reply = (
    write: number,
    sent: number,
    then: 'none' | 'pending' | 'resolve',
    topicOf: Topic | 'follow_up',
    failed: boolean,
  ) => {
    const id = historyId(`reply:${conversationId}:${replies++}`, write);
    const attempts = failed ? 2 : 1;
    push('reply_queued', write, agent.userId, { replyId: id, isDirectMessage: false, cannedReplyId: null });
    const to = then === 'resolve' ? 'resolved' : then === 'pending' ? 'pending' : status === 'new' ? 'open' : null;
    if (to) setStatus(to, write, agent.userId);
    if (failed) {
      const retried = sent - 3000;
      push('reply_failed', write + 2000, agent.userId, {
        replyId: id,
        error: 'X answered 503 Service Unavailable',
        attempt: 1,
        nextAttemptAt: new Date(write + 62_000).toISOString(),
      });
      push('reply_retried', retried, agent.userId, {
        replyId: id,
        from: 'failed',
        lastError: 'X answered 503 Service Unavailable',
      });
    }
    const networkId = ctx.xId(sent);
    push('reply_sent', sent, agent.userId, { replyId: id, networkId, isDirectMessage: false, attempts });
    const name = customer.name.split(' ')[0] ?? customer.name;
    rows.replies.push({
      ...scope,
      id,
      conversationId,
      channelId: ctx.channelId,
      authorUserId: agent.userId,
      text: prng.pick(REPLIES[lang][topicOf]).replace('{name}', name),
      inReplyToExternalId: firstExternalId,
      recipientExternalId: customer.externalUserId,
      state: 'sent',
      idempotencyKey: `demo-history:${id}`,
      networkId,
      attempts,
      createdAt: new Date(write),
      updatedAt: new Date(sent),
      sentAt: new Date(sent),
    });
    lastOutbound = sent;
    while (unanswered.length > 0 && unanswered[0]! <= write) unanswered.shift();
  };
  /** When the agent's answer to a message at `from` goes out: business time, or an on-call colleague at night. */
  const answerAt = (from: number, median: number) => {
    const onCall = !isOpen(from) && prng.chance(ON_CALL[priority]);
    const tail = prng.chance(0.07) ? uniform(prng, 2, 5) : 1;
    const minutes = minutesAround(prng, median * (storm ? 1.8 : 1), median < 10 ? 3 : 5, 60) * tail;
    let sent = onCall ? from + uniform(prng, 10, 90) * MINUTE : afterBusiness(from, minutes);
    if (sent >= limit) sent = from + uniform(prng, 4, 15) * MINUTE; // the history's last hours: answered quickly
    return Math.round(sent);
  };

  // Ingest writes `conversation_created` then `received` in one transaction: same instant, that order.
  push('conversation_created', t0, null, {});
  inbound(t0, 'mention', text);

  if (kind === 'open_forgotten') {
    return finish();
  }
  if (kind === 'spam' || kind === 'closed_unanswered') {
    // Someone looks at it and closes it without a word (spam, or a praise nobody thanked).
    const at = Math.min(limit - MINUTE, afterBusiness(t0, uniform(prng, 5, 240)));
    if (kind === 'closed_unanswered') assign(agent, Math.max(t0 + 1000, at - uniform(prng, 1, 20) * MINUTE));
    setStatus('resolved', Math.max(at, last + 1000), agent.userId);
    return finish();
  }

  // ── Episode 0: the first response.
  const sent = answerAt(t0, FIRST_MEDIAN[priority]);
  // Unreachable (arrivals end hours before `limit`), but a conversation is never left half-written.
  if (sent >= limit) return finish();
  const failed = prng.chance(0.04);
  const retryGap = failed ? Math.min((sent - t0) / 2, uniform(prng, 60, 600) * 1000) : 0;
  const write = Math.round(Math.max(t0 + 30_000, sent - 3000 - retryGap - (failed ? 5000 : 0)));
  const steps: [number, () => void][] = [];
  const reassigned = brand.agents.length > 1 && prng.chance(0.07);
  const assignAt = Math.max(t0 + 10_000, write - uniform(prng, 30, 360) * 1000);
  if (reassigned) {
    const first = brand.agents[(agentIndex + 1) % brand.agents.length]!;
    steps.push([Math.max(t0 + 5000, assignAt - uniform(prng, 2, 20) * MINUTE), () => assign(first, last)]);
  }
  steps.push([assignAt, () => assign(agent, last)]);
  if (prng.chance(0.15)) {
    const at = t0 + uniform(prng, 0.1, 0.6) * (write - t0);
    steps.push([at, () => inbound(at, 'reply', compose(prng, 'nudge', { ...input, language: templateLang }))]);
  }
  if (prng.chance(0.1)) {
    steps.push([
      uniform(prng, assignAt, write),
      () => {
        const at = last;
        const id = historyId(`note:${conversationId}`, at);
        rows.notes.push({
          id,
          organizationId: brand.organizationId,
          conversationId,
          authorUserId: agent.userId,
          text: prng.pick(NOTES[brand.locale === 'fr' ? 'fr' : 'en']),
          createdAt: new Date(at),
        });
        push('note_added', at, agent.userId, { noteId: id, mentionedUserIds: [] });
      },
    ]);
  }
  const missing = [...brand.tags.values()].filter((id) => !tagIds.has(id));
  if (!spam && missing.length > 0 && prng.chance(0.08)) {
    const tag = prng.pick(missing);
    steps.push([
      uniform(prng, assignAt, write),
      () => {
        tagIds.add(tag);
        push('tags_changed', last, agent.userId, { added: [tag], removed: [] });
      },
    ]);
  }
  if (priority !== 'urgent' && prng.chance(0.05)) {
    steps.push([
      uniform(prng, assignAt, write),
      () => {
        finalPriority = priority === 'low' ? 'normal' : 'high';
        push('priority_changed', last, agent.userId, { from: priority, to: finalPriority });
      },
    ]);
  }
  for (const [at, step] of steps.sort((a, b) => a[0] - b[0])) {
    last = Math.max(last, Math.round(at));
    step();
  }
  const firstThen =
    kind === 'open_pending'
      ? 'pending'
      : prng.weighted(
          topic === 'praise'
            ? { resolve: 0.7, pending: 0, none: 0.3 }
            : topic === 'question'
              ? { resolve: 0.35, pending: 0.15, none: 0.5 }
              : { resolve: 0.15, pending: 0.3, none: 0.55 },
        );
  reply(Math.max(write, last), Math.max(sent, last + 3000), firstThen, topic, failed);
  if (kind === 'open_pending') return finish();

  // ── Later messages of the episode: the customer answers, sometimes the agent parks it, then answers again.
  // (`now()` rather than `status`: the closures above change it, which TypeScript's narrowing cannot see.)
  const now = () => status;
  for (let i = 0; i < 3 && now() !== 'resolved'; i++) {
    if (!prng.chance(i === 0 ? 0.5 : 0.3)) break;
    const at = Math.round(last + (now() === 'pending' ? uniform(prng, 20, 1200) : uniform(prng, 3, 180)) * MINUTE);
    if (at >= limit - 30 * MINUTE) break;
    if (now() === 'pending') setStatus('open', at, null, { reason: 'customer_message' });
    inbound(at, 'reply', compose(prng, 'follow_up', { ...input, language: templateLang }));
    let from = at;
    if (prng.chance(0.06)) {
      const snoozeAt = Math.round(at + uniform(prng, 5, 30) * MINUTE);
      const until = Math.round(snoozeAt + uniform(prng, 2, 20) * HOUR);
      if (until + HOUR < limit) {
        push('snoozed', snoozeAt, agent.userId, { from: status, until: new Date(until).toISOString() });
        status = 'snoozed';
        push('woke', until, null, { until: new Date(until).toISOString() });
        status = 'open';
        from = until;
      }
    }
    const next = answerAt(from, FIRST_MEDIAN[priority] * 1.5);
    if (next >= limit) break;
    const then = prng.weighted({ resolve: 0.4, pending: 0.2, none: 0.4 });
    reply(Math.max(next - 3000, last), Math.max(next, last + 3000), then, 'follow_up', false);
  }
  resolveIfOpen();

  // ── A few come back after the resolution: a second episode, answered and resolved again.
  if (prng.chance(0.07)) {
    const at = Math.round(last + uniform(prng, 1, 72) * HOUR);
    if (at + 6 * HOUR < limit) {
      setStatus('open', at, null, { reason: 'customer_message' });
      inbound(at, 'reply', compose(prng, 'follow_up', { ...input, language: templateLang }));
      const again = answerAt(at, FIRST_MEDIAN[priority]);
      if (again < limit) {
        reply(again - 3000, again, prng.chance(0.6) ? 'resolve' : 'none', 'follow_up', false);
      }
      resolveIfOpen();
    }
  }
  return finish();

  function resolveIfOpen() {
    if (status === 'resolved') return;
    const at = Math.min(limit - 1000, afterBusiness(last, uniform(prng, 10, 240)));
    setStatus('resolved', Math.max(at, last + 1000), agent.userId);
  }

  function finish() {
    const waitingSince = unanswered[0] ?? null;
    ctx.release(customer.customerId, status === 'resolved' ? last : Number.POSITIVE_INFINITY);
    rows.conversations.push({
      ...scope,
      id: conversationId,
      customerId: customer.customerId,
      status,
      priority: finalPriority,
      assigneeUserId: assignee?.userId ?? null,
      teamId: assignee?.teamId ?? null,
      tagIds: [...tagIds],
      channelId: ctx.channelId,
      isVip: false,
      sentiment,
      language: lang,
      waitingSince: waitingSince === null ? null : new Date(waitingSince),
      lastMessageAt: new Date(lastInbound),
      episodeStartedAt: new Date(episodeStart),
      lastInboundAt: new Date(lastInbound),
      lastOutboundAt: lastOutbound === null ? null : new Date(lastOutbound),
      resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
      version,
      createdAt: new Date(t0),
      updatedAt: new Date(last),
    });
    rows.kinds.set(conversationId, kind);
    return conversationId;
  }
}

/** A 32-bit seed from a name (stable across runs and platforms). */
function seedOf(name: string): number {
  return createHash('sha256').update(name).digest().readUInt32LE(0);
}

/**
 * The brand's history, planned in memory (pure: no database). Arrivals follow the hourly and weekly curves in the
 * brand's zone over `weeks` whole local days ending three hours before `now`; each conversation is then simulated.
 */
export function planBrandHistory(brand: HistoryBrand, options: HistoryOptions = {}): HistoryRows {
  const now = (options.now ?? new Date()).getTime();
  const weeks = options.weeks ?? DEMO_HISTORY_WEEKS;
  const seed = options.seed ?? 1;
  const profile = PROFILES[brand.name] ?? {
    perDay: 6,
    languages: brand.locale === 'fr' ? { fr: 0.7, en: 0.3 } : { en: 1 },
    stormDay: null,
  };
  const prng = createPrng(seedOf(`${seed}:${brand.id}`));
  const end = now - 3 * HOUR;
  const firstDay = wallDayOf(brand.timeZone, now - weeks * 7 * DAY);
  const rows: HistoryRows = {
    channel: {
      id: historyChannelId(brand.id),
      organizationId: brand.organizationId,
      brandId: brand.id,
      kind: 'import',
      name: `${brand.name} — history (demo)`,
      config: {},
      createdAt: new Date(now - weeks * 7 * DAY - DAY),
    },
    customers: [],
    handles: [],
    conversations: [],
    mentions: [],
    replies: [],
    notes: [],
    events: [],
    kinds: new Map(),
  };

  // Arrivals, per local day and hour.
  const arrivals: { at: number; storm: boolean }[] = [];
  for (let day = firstDay, index = 0; day <= wallDayOf(brand.timeZone, end); day += DAY, index++) {
    const storm = profile.stormDay === index;
    const weekday = new Date(day).getUTCDay();
    const expected = profile.perDay * WEEKLY[weekday]! * (storm ? 2.5 : 1) * (1 + 0.12 * prng.normal());
    const hours = Object.fromEntries(HOURLY.map((w, h) => [String(h), storm && h >= 7 && h <= 12 ? w * 3 : w]));
    for (let i = 0; i < Math.round(expected); i++) {
      const hour = Number(prng.weighted(hours));
      const wall = day + hour * HOUR + prng.int(0, 59) * MINUTE + prng.int(0, 59) * 1000;
      const at = wallToInstant(brand.timeZone, wall);
      if (at >= now - weeks * 7 * DAY && at < end) arrivals.push({ at, storm: storm && hour >= 7 && hour <= 12 });
    }
  }
  arrivals.sort((a, b) => a.at - b.at);

  // A few of the old ones stay open: forgotten (never answered) or waiting on the customer for days.
  const old = arrivals.flatMap((a, i) => (a.at < now - 4 * DAY ? [i] : []));
  const kinds = new Map<number, HistoryKind>();
  for (const kind of ['open_forgotten', 'open_pending', 'open_pending'] as const) {
    if (old.length === 0) break;
    kinds.set(old.splice(prng.int(0, old.length - 1), 1)[0]!, kind);
  }

  const customers = customerPicker(brand, prng, 2 * arrivals.length + 20, rows);
  const ctx: Ctx = {
    brand,
    calendar: demoBusinessCalendar(brand.timeZone),
    profile,
    kind: /cargo|air/i.test(brand.name) ? 'airline' : 'telecom',
    code: (brand.handle.match(/[A-Z]/g) ?? ['X', 'X']).join('').slice(0, 2).padEnd(2, 'X'),
    limit: now - 5 * MINUTE,
    channelId: historyChannelId(brand.id),
    seed,
    xId: snowflakes(brand.index),
    rows,
    ...customers,
  };
  arrivals.forEach(({ at, storm }, n) => {
    const kind =
      kinds.get(n) ??
      prng.weighted({ answered: 0.955, spam: 0.02, closed_unanswered: 0.025 } as Record<HistoryKind, number>);
    simulateConversation(ctx, n, at, kind, storm);
  });
  rows.channel.lastEventAt = rows.events.length > 0 ? rows.events[rows.events.length - 1]!.occurredAt : null;
  return rows;
}

/** The crowd writing to the brand: mostly new people, some regulars (never two open conversations at once). */
function customerPicker(brand: HistoryBrand, prng: Prng, size: number, rows: HistoryRows) {
  const langs = brand.locale === 'fr' ? (['fr', 'en'] as const) : (['en'] as const);
  const pool = createCustomerPool(prng.fork(), size, langs, Math.ceil(size / 40));
  const handleIds = snowflakes(brand.index);
  const known = new Map<string, HistoryCustomer>();
  const busyUntil = new Map<string, number>();
  const cursors: Record<string, number> = {};
  const returning: Record<'fr' | 'en', HistoryCustomer[]> = { fr: [], en: [] };
  const queues = {
    spam: pool.filter((p) => p.spam),
    fr: pool.filter((p) => !p.spam && p.language === 'fr'),
    en: pool.filter((p) => !p.spam && p.language === 'en'),
  };
  return {
    pickCustomer(pick: Prng, lang: Lang, spam: boolean, at: number): HistoryCustomer {
      const want = lang === 'fr' ? 'fr' : 'en';
      // A regular (someone who wrote before, with nothing open): a few tries among those of the same language.
      const regulars = spam ? [] : returning[want];
      if (regulars.length > 0 && pick.chance(0.2)) {
        for (let tries = 0; tries < 5; tries++) {
          const regular = pick.pick(regulars);
          if ((busyUntil.get(regular.customerId) ?? 0) < at) return regular;
        }
      }
      // Separate queues: a spam bot or a French speaker asked for must not skip the others' profiles.
      const key = spam ? 'spam' : want;
      const queue = queues[key];
      let profile: CustomerProfile | undefined;
      for (let tries = 0; tries < queue.length && !profile; tries++) {
        const next = queue[(cursors[key] = (cursors[key] ?? -1) + 1) % queue.length]!;
        const existing = known.get(next.username);
        if (!existing) profile = next;
        else if ((busyUntil.get(existing.customerId) ?? 0) < at) return existing;
      }
      if (!profile) throw new Error('demo history: the customer pool is exhausted');
      const since = at - pick.int(30, 3000) * DAY;
      const customer = {
        ...profile,
        customerId: historyId(`customer:${brand.id}:${profile.username}`, at),
        handleId: historyId(`handle:${brand.id}:${profile.username}`, at),
        externalUserId: handleIds(since),
      };
      known.set(profile.username, customer);
      if (!spam) returning[want].push(customer);
      rows.customers.push({
        id: customer.customerId,
        organizationId: brand.organizationId,
        displayName: profile.name,
        createdAt: new Date(at),
      });
      rows.handles.push({
        id: customer.handleId,
        organizationId: brand.organizationId,
        customerId: customer.customerId,
        network: 'x',
        externalUserId: customer.externalUserId,
        username: profile.username,
        followers: profile.followers,
        verified: profile.verified,
        profileUrl: `https://x.com/${profile.username}`,
      });
      return customer;
    },
    release(customerId: string, at: number) {
      busyUntil.set(customerId, at);
    },
  };
}
