import type { Priority } from '@perch/shared';
import type { Db, Tx } from '../db/database.ts';
import { stableId } from './factories.ts';
import {
  DEMO_SLA_TARGETS,
  demoBusinessCalendar,
  historyChannelId,
  planBrandHistory,
  POLICY_NAMES,
  type HistoryAgent,
  type HistoryBrand,
  type HistoryOptions,
  type HistoryRows,
} from './demo-history-plan.ts';

export {
  DEMO_HISTORY_WEEKS,
  DEMO_SLA_TARGETS,
  demoBusinessCalendar,
  type HistoryOptions,
} from './demo-history-plan.ts';

/**
 * Writes the demo's history (planned by demo-history-plan.ts) into the tables in bulk, one transaction per brand,
 * with the brand's SLA policies and business calendar.
 */
// ───────────────────────────── Writing it ─────────────────────────────

export interface SeededHistory {
  brand: string;
  /** Conversations written now (0 when the brand's history was already there). */
  conversations: number;
  events: number;
  skipped: boolean;
  ms: number;
  /** Of which planning in memory (the rest is the database). */
  planMs?: number;
}

/**
 * Seeds the history, the SLA policies and the business calendar of every brand of the given organizations whose
 * history is not there yet. One transaction per brand; the brand's calendar is set only if it has none, and a
 * priority that already has a policy keeps it.
 */
export async function seedDemoHistory(
  db: Db,
  organizationSlugs: string[],
  options: HistoryOptions = {},
): Promise<SeededHistory[]> {
  const orgs = await db.organization.findMany({
    where: { slug: { in: organizationSlugs } },
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      brands: {
        orderBy: { name: 'asc' },
        select: { id: true, name: true, handle: true, timeZone: true, locale: true, businessCalendar: true },
      },
      teams: {
        orderBy: { name: 'asc' },
        select: { id: true, brandIds: true, members: { select: { membership: { select: { userId: true } } } } },
      },
      memberships: { where: { role: 'agent' }, orderBy: { createdAt: 'asc' }, select: { userId: true } },
      tags: { orderBy: { name: 'asc' }, select: { id: true, brandId: true, name: true } },
    },
  });
  const done: SeededHistory[] = [];
  for (const org of orgs) {
    for (const [index, b] of org.brands.entries()) {
      const started = performance.now();
      const present = await db.channel.findUnique({ where: { id: historyChannelId(b.id) }, select: { id: true } });
      if (present) {
        done.push({ brand: b.name, conversations: 0, events: 0, skipped: true, ms: performance.now() - started });
        continue;
      }
      // The brand's agents: the members of the teams serving it (a team without brands serves them all).
      const agents: HistoryAgent[] = org.teams
        .filter((t) => t.brandIds.length === 0 || t.brandIds.includes(b.id))
        .flatMap((t) => t.members.map((m) => ({ userId: m.membership.userId, teamId: t.id })));
      if (agents.length === 0) agents.push(...org.memberships.map((m) => ({ userId: m.userId, teamId: null })));
      if (agents.length === 0) continue;
      const brand: HistoryBrand = {
        id: b.id,
        organizationId: org.id,
        name: b.name,
        handle: b.handle ?? b.name.replace(/\W/g, ''),
        timeZone: b.timeZone,
        locale: b.locale,
        index,
        agents,
        tags: new Map(org.tags.filter((t) => t.brandId === b.id).map((t) => [t.name, t.id])),
      };
      const rows = planBrandHistory(brand, options);
      const planned = performance.now();
      await db.$transaction(
        async (tx) => {
          if (b.businessCalendar === null) {
            await tx.brand.update({
              where: { id: b.id },
              data: { businessCalendar: demoBusinessCalendar(b.timeZone) },
              select: { id: true },
            });
          }
          const names = POLICY_NAMES[b.locale === 'fr' ? 'fr' : 'en'];
          await tx.slaPolicy.createMany({
            data: (Object.keys(DEMO_SLA_TARGETS) as Priority[]).map((priority) => ({
              id: stableId(`sla-policy:${b.id}:${priority}`),
              organizationId: org.id,
              brandId: b.id,
              name: names[priority],
              priority,
              firstResponseMinutes: DEMO_SLA_TARGETS[priority].first,
              nextResponseMinutes: DEMO_SLA_TARGETS[priority].next,
              resolutionMinutes: DEMO_SLA_TARGETS[priority].resolution,
              businessHours: true,
            })),
            skipDuplicates: true,
          });
          await tx.channel.create({ data: rows.channel, select: { id: true } });
          await writeHistory(tx, org.id, b.id, rows);
        },
        { timeout: 120_000 },
      );
      done.push({
        brand: b.name,
        conversations: rows.conversations.length,
        events: rows.events.length,
        skipped: false,
        ms: performance.now() - started,
        planMs: planned - started,
      });
    }
  }
  return done;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The rows in a handful of set-based statements (`unnest` of one array per column, as ingest writes them): Prisma's
 * createMany binds one parameter per value, which the embedded database takes tens of seconds to chew through.
 */
async function writeHistory(tx: Tx, organizationId: string, brandId: string, rows: HistoryRows) {
  const { customers: cu, handles: h, conversations: c, mentions: m, replies: r, notes: n, events: e } = rows;
  await tx.$executeRaw`
    INSERT INTO "Customer" (id, "organizationId", "displayName", "createdAt")
    SELECT u.id, ${organizationId}::uuid, u.name, u.at
    FROM unnest(${cu.map((x) => x.id)}::uuid[], ${cu.map((x) => x.displayName)}::varchar[],
                ${cu.map((x) => iso(x.createdAt))}::timestamptz[]) AS u(id, name, at)`;
  await tx.$executeRaw`
    INSERT INTO "Handle" (id, "organizationId", "customerId", network, "externalUserId", username, followers, verified,
      "profileUrl", "updatedAt")
    SELECT u.id, ${organizationId}::uuid, u.customer, u.network, u.ext, u.username, u.followers, u.verified, u.url, now()
    FROM unnest(${h.map((x) => x.id)}::uuid[], ${h.map((x) => x.customerId)}::uuid[], ${h.map((x) => x.network)}::varchar[],
                ${h.map((x) => x.externalUserId)}::varchar[], ${h.map((x) => x.username)}::varchar[],
                ${h.map((x) => x.followers)}::int[], ${h.map((x) => x.verified)}::bool[],
                ${h.map((x) => x.profileUrl)}::varchar[]) AS u(id, customer, network, ext, username, followers, verified, url)`;
  await tx.$executeRaw`
    INSERT INTO "Conversation" (id, "organizationId", "brandId", "customerId", status, priority, "assigneeUserId",
      "teamId", "tagIds", "channelId", "isVip", sentiment, language, "waitingSince", "lastMessageAt",
      "episodeStartedAt", "lastInboundAt", "lastOutboundAt", "resolvedAt", version, "createdAt", "updatedAt")
    SELECT u.id, ${organizationId}::uuid, ${brandId}::uuid, u.customer, u.status::"ConversationStatus",
      u.priority::"Priority", u.assignee, u.team, COALESCE(string_to_array(NULLIF(u.tags, ''), ',')::uuid[], '{}'),
      u.channel, false, u.sentiment, u.language, u.waiting, u.last, u.episode, u.inbound, u.outbound, u.resolved,
      u.version, u.created, u.updated
    -- unnest flattens 2-D arrays, so each row's tags travel as one comma-separated string.
    FROM unnest(${c.map((x) => x.id)}::uuid[], ${c.map((x) => x.customerId)}::uuid[], ${c.map((x) => x.status)}::text[],
                ${c.map((x) => x.priority)}::text[], ${c.map((x) => x.assigneeUserId)}::uuid[],
                ${c.map((x) => x.teamId)}::uuid[], ${c.map((x) => x.tagIds.join(','))}::text[],
                ${c.map((x) => x.channelId)}::uuid[], ${c.map((x) => x.sentiment)}::varchar[],
                ${c.map((x) => x.language)}::varchar[], ${c.map((x) => iso(x.waitingSince))}::timestamptz[],
                ${c.map((x) => iso(x.lastMessageAt))}::timestamptz[], ${c.map((x) => iso(x.episodeStartedAt))}::timestamptz[],
                ${c.map((x) => iso(x.lastInboundAt))}::timestamptz[], ${c.map((x) => iso(x.lastOutboundAt))}::timestamptz[],
                ${c.map((x) => iso(x.resolvedAt))}::timestamptz[], ${c.map((x) => x.version)}::int[],
                ${c.map((x) => iso(x.createdAt))}::timestamptz[], ${c.map((x) => iso(x.updatedAt))}::timestamptz[])
      AS u(id, customer, status, priority, assignee, team, tags, channel, sentiment, language, waiting, last, episode,
           inbound, outbound, resolved, version, created, updated)`;
  await tx.$executeRaw`
    INSERT INTO "Mention" (id, "organizationId", "channelId", "brandId", "conversationId", "handleId", "externalId",
      "inReplyToExternalId", kind, text, "postedAt", "receivedAt", raw, language, sentiment, "sentimentScore", "isSpam",
      "priorityScore")
    SELECT u.id, ${organizationId}::uuid, u.channel, ${brandId}::uuid, u.conv, u.handle, u.ext, u.reply_to, u.kind,
      u.text, u.posted, u.received, u.raw::jsonb, u.language, u.sentiment, u.score, u.spam, u.prio
    FROM unnest(${m.map((x) => x.id)}::uuid[], ${m.map((x) => x.channelId)}::uuid[], ${m.map((x) => x.conversationId)}::uuid[],
                ${m.map((x) => x.handleId)}::uuid[], ${m.map((x) => x.externalId)}::varchar[],
                ${m.map((x) => x.inReplyToExternalId)}::varchar[], ${m.map((x) => x.kind)}::varchar[],
                ${m.map((x) => x.text)}::text[], ${m.map((x) => iso(x.postedAt))}::timestamptz[],
                ${m.map((x) => iso(x.receivedAt))}::timestamptz[], ${m.map((x) => JSON.stringify(x.raw))}::text[],
                ${m.map((x) => x.language)}::varchar[], ${m.map((x) => x.sentiment)}::varchar[],
                ${m.map((x) => x.sentimentScore)}::float8[], ${m.map((x) => x.isSpam)}::bool[],
                ${m.map((x) => x.priorityScore)}::int[])
      AS u(id, channel, conv, handle, ext, reply_to, kind, text, posted, received, raw, language, sentiment, score, spam, prio)`;
  await tx.$executeRaw`
    INSERT INTO "Reply" (id, "organizationId", "conversationId", "brandId", "channelId", "authorUserId", text,
      "inReplyToExternalId", "recipientExternalId", state, "idempotencyKey", "networkId", attempts, "createdAt",
      "updatedAt", "sentAt")
    SELECT u.id, ${organizationId}::uuid, u.conv, ${brandId}::uuid, u.channel, u.author, u.text, u.reply_to, u.recipient,
      u.state::"DeliveryState", u.key, u.network_id, u.attempts, u.created, u.updated, u.sent
    FROM unnest(${r.map((x) => x.id)}::uuid[], ${r.map((x) => x.conversationId)}::uuid[], ${r.map((x) => x.channelId)}::uuid[],
                ${r.map((x) => x.authorUserId)}::uuid[], ${r.map((x) => x.text)}::varchar[],
                ${r.map((x) => x.inReplyToExternalId)}::varchar[], ${r.map((x) => x.recipientExternalId)}::varchar[],
                ${r.map((x) => x.state)}::text[], ${r.map((x) => x.idempotencyKey)}::varchar[],
                ${r.map((x) => x.networkId)}::varchar[], ${r.map((x) => x.attempts)}::int[],
                ${r.map((x) => iso(x.createdAt))}::timestamptz[], ${r.map((x) => iso(x.updatedAt))}::timestamptz[],
                ${r.map((x) => iso(x.sentAt))}::timestamptz[])
      AS u(id, conv, channel, author, text, reply_to, recipient, state, key, network_id, attempts, created, updated, sent)`;
  await tx.$executeRaw`
    INSERT INTO "Note" (id, "organizationId", "conversationId", "authorUserId", text, "createdAt")
    SELECT u.id, ${organizationId}::uuid, u.conv, u.author, u.text, u.at
    FROM unnest(${n.map((x) => x.id)}::uuid[], ${n.map((x) => x.conversationId)}::uuid[],
                ${n.map((x) => x.authorUserId)}::uuid[], ${n.map((x) => x.text)}::varchar[],
                ${n.map((x) => iso(x.createdAt))}::timestamptz[]) AS u(id, conv, author, text, at)`;
  // In the planned order (ORDER BY the ordinality): ids then order the events written at the same instant.
  await tx.$executeRaw`
    INSERT INTO "ConversationEvent" ("organizationId", "conversationId", "brandId", type, "actorUserId", data, "occurredAt")
    SELECT ${organizationId}::uuid, u.conv, ${brandId}::uuid, u.type, u.actor, u.data::jsonb, u.at
    FROM unnest(${e.map((x) => x.conversationId)}::uuid[], ${e.map((x) => x.type)}::varchar[],
                ${e.map((x) => x.actorUserId)}::uuid[], ${e.map((x) => JSON.stringify(x.data))}::text[],
                ${e.map((x) => iso(x.occurredAt))}::timestamptz[]) WITH ORDINALITY AS u(conv, type, actor, data, at, n)
    ORDER BY u.n`;
}
