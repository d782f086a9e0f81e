import type pg from 'pg';
import type { Database } from '../db/database.ts';
import { rebuildRollups } from '../features/metrics/metrics.service.ts';
import { createBrand, createOrganization } from '../seed/factories.ts';
import { ensureEnterprise } from './dataset.ts';
import { timed } from './p4-inbox.ts';

/**
 * The P7 data set (docs/dashboards.md, "Benchmark"): one brand's two years, generated in the database by set-based
 * SQL — conversations with realistic distributions (more recent days busier, office-hours peaks, log-normal response
 * and resolution times, skewed agent load, reopenings, SLA hits and breaches), their MetricFact rows, then the
 * rollups by a bulk SQL equivalent of the metrics rebuild (one scan per dimension), verified to equal
 * `rebuildRollups` on a small data set. Generated once per size and reused.
 */

export const ZONE = 'Europe/Paris';
const AGENTS = 40;
const TEAMS = 5;
const CHANNELS = 3;
const TAGS = 20;
export const DURATION_KINDS = ['first_response', 'reply', 'resolution', 'full_resolution', 'requester_wait'];

export const log = (line: string) => process.stderr.write(`[p7 ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

export interface P7Tenant {
  organizationId: string;
  brandId: string;
  managerUserId: string;
  agentUserIds: string[];
  mentions: number;
  facts: number;
  conversations: number;
  seedSeconds: number | null;
  rollupSeconds: number | null;
}

/** Organization, brand, members, teams, channels, tags and customers of one P7 data set. */
async function createTenant(db: Database, name: string) {
  const org = await createOrganization(db.prisma, { name });
  const brand = await createBrand(db.prisma, org.id, { name: `${name} brand`, timeZone: ZONE });
  const organizationId = org.id;
  const users = Array.from({ length: AGENTS + 1 }, (_, i) => ({
    id: crypto.randomUUID(),
    email: `${i === 0 ? 'manager' : `agent${i}`}@${org.id}.p7.test`,
    name: i === 0 ? `${name} manager` : `Agent ${i}`,
    passwordHash: 'not-a-password',
  }));
  await db.prisma.user.createMany({ data: users });
  await db.prisma.membership.createMany({
    data: users.map((u, i) => ({
      organizationId,
      userId: u.id,
      role: i === 0 ? ('manager' as const) : ('agent' as const),
      availability: i % 3 === 0 ? 'online' : 'offline',
    })),
  });
  const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
  const teamIds = ids(TEAMS);
  const channelIds = ids(CHANNELS);
  const tagIds = ids(TAGS);
  await db.prisma.team.createMany({ data: teamIds.map((id, i) => ({ id, organizationId, name: `Team ${i + 1}` })) });
  await db.prisma.channel.createMany({
    data: channelIds.map((id, i) => ({
      id,
      organizationId,
      brandId: brand.id,
      kind: 'webhook' as const,
      name: `Channel ${i}`,
    })),
  });
  await db.prisma.tag.createMany({
    data: tagIds.map((id, i) => ({ id, organizationId, brandId: brand.id, name: `tag-${i}` })),
  });
  const customerIds = ids(1000);
  await db.prisma.customer.createMany({
    data: customerIds.map((id, i) => ({ id, organizationId, displayName: `Customer ${i}` })),
  });
  return {
    organizationId,
    brandId: brand.id,
    managerUserId: users[0]!.id,
    agentUserIds: users.slice(1).map((u) => u.id),
    teamIds,
    channelIds,
    tagIds,
    customerIds,
  };
}

const LOGNORMAL = (median: string, sigma: number) =>
  `exp(ln(${median}) + ${sigma} * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))`;

/**
 * Conversations, episodes and facts of a tenant, generated in the database: `conversations` conversations over the
 * two years before today (Paris), 10 % reopened once.
 */
async function generate(client: pg.Client, t: Awaited<ReturnType<typeof createTenant>>, conversations: number) {
  const q = (sql: string, values?: unknown[]) => client.query(sql, values);
  await q('CREATE SCHEMA IF NOT EXISTS perch_p7');
  await q('DROP TABLE IF EXISTS perch_p7.ep');
  await q('DROP TABLE IF EXISTS perch_p7.conv');
  await q(`SELECT setseed(0.7)`);
  // One row per conversation: when it starts (recent days busier, office hours), who works it, its dimensions.
  await q(
    `CREATE UNLOGGED TABLE perch_p7.conv AS
     SELECT g AS n, gen_random_uuid() AS id,
       LEAST(now() - interval '10 minutes',
         ((now() AT TIME ZONE $1)::date - floor(730 * (1 - sqrt(random())))::int
           + make_interval(secs => 3600 * CASE WHEN random() < 0.85 THEN 7 + 15 * power(random(), 1.2)
                                               ELSE 24 * random() END))::timestamp AT TIME ZONE $1) AS t0,
       floor(${AGENTS} * power(random(), 1.5))::int AS agent_i,
       floor(random() * 1000)::int AS customer_i,
       (ARRAY[0, 0, 0, 0, 0, 0, 0, 1, 1, 2])[1 + floor(random() * 10)::int] AS channel_i,
       (ARRAY['urgent', 'high', 'high', 'high', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal',
              'normal', 'normal', 'normal', 'normal', 'low', 'low', 'low', 'low', 'low'])[1 + floor(random() * 20)::int]
         AS priority,
       (ARRAY['positive', 'neutral', 'neutral', 'negative', NULL])[1 + floor(random() * 5)::int] AS sentiment,
       (ARRAY['en', 'en', 'en', 'fr', 'fr', 'de', 'es', 'it', NULL])[1 + floor(random() * 9)::int] AS language,
       CASE WHEN random() < 0.5 THEN 0 WHEN random() < 0.7 THEN 1 ELSE 2 END AS n_tags,
       floor(random() * ${TAGS})::int AS tag_a, floor(random() * ${TAGS})::int AS tag_b,
       random() < 0.1 AS reopened
     FROM generate_series(1, $2) g`,
    [ZONE, conversations],
  );
  // One row per episode: its start, messages, first response, further replies, resolution (or none yet).
  await q(
    `CREATE UNLOGGED TABLE perch_p7.ep AS
     SELECT c.*, e AS episode, s.ep_start, s.n_in, s.frt_ms, s.n_more, s.replier_i,
            CASE WHEN s.ep_start + make_interval(secs => s.res_ms / 1000.0) > now()
                   OR (s.ep_start > now() - interval '7 days' AND s.open_roll < 0.3) THEN NULL
                 ELSE s.res_ms END AS res_ms
     FROM perch_p7.conv c
     CROSS JOIN LATERAL generate_series(0, CASE WHEN c.reopened THEN 1 ELSE 0 END) e
     CROSS JOIN LATERAL (
       SELECT CASE WHEN e = 0 THEN c.t0 ELSE c.t0 + interval '48 hours' + make_interval(secs => 259200 * random()) END
                AS ep_start,
              1 + LEAST(floor(-ln(1 - random()) * 1.6)::int, 9) AS n_in,
              CASE WHEN random() < 0.93 THEN GREATEST(5000, round(${LOGNORMAL('1200000', 1.1)})) END AS frt_ms,
              CASE WHEN random() < 0.5 THEN 0 ELSE 1 + floor(random() * 3)::int END AS n_more,
              CASE WHEN random() < 0.9 THEN c.agent_i ELSE floor(random() * ${AGENTS})::int END AS replier_i,
              LEAST(144000000, GREATEST(60000, round(${LOGNORMAL('10800000', 1.2)}))) AS res_ms0,
              random() AS open_roll
     ) s0
     CROSS JOIN LATERAL (SELECT s0.*, COALESCE(s0.frt_ms, 0) + s0.res_ms0 AS res_ms) s
     WHERE s.ep_start < now()`,
  );
  await q(`CREATE INDEX ON perch_p7.ep (id, episode)`);
  await q('ANALYZE perch_p7.ep');
  const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::uuid[]`;
  const agents = arr(t.agentUserIds);
  const teams = arr(t.teamIds);
  const channels = arr(t.channelIds);
  const tags = arr(t.tagIds);
  const customers = arr(t.customerIds);
  log('conversations');
  await q(
    `INSERT INTO "Conversation" (id, "organizationId", "brandId", "customerId", status, priority, "assigneeUserId",
       "teamId", "tagIds", "channelId", sentiment, language, "waitingSince", "lastMessageAt", "episodeStartedAt",
       "lastInboundAt", "resolvedAt", "createdAt", "updatedAt")
     SELECT c.id, $1, $2, (${customers})[1 + c.customer_i],
       CASE WHEN l.res_ms IS NULL THEN 'open' ELSE 'resolved' END::"ConversationStatus", c.priority::"Priority",
       (${agents})[1 + c.agent_i], (${teams})[1 + c.agent_i % ${TEAMS}],
       CASE c.n_tags WHEN 0 THEN '{}'::uuid[] WHEN 1 THEN ARRAY[(${tags})[1 + c.tag_a]]
         ELSE ARRAY[(${tags})[1 + c.tag_a], (${tags})[1 + (c.tag_a + 1 + c.tag_b % ${TAGS - 1}) % ${TAGS}]] END,
       (${channels})[1 + c.channel_i], c.sentiment, c.language,
       CASE WHEN l.res_ms IS NULL AND l.frt_ms IS NULL THEN l.ep_start END,
       l.ep_start, l.ep_start, l.ep_start,
       CASE WHEN l.res_ms IS NOT NULL THEN l.ep_start + make_interval(secs => l.res_ms / 1000.0) END, c.t0, now()
     FROM perch_p7.conv c
     JOIN perch_p7.ep l ON l.id = c.id AND l.episode = CASE WHEN c.reopened THEN 1 ELSE 0 END`,
    [t.organizationId, t.brandId],
  );
  // The facts, kind by kind (docs/metrics.md): dimensions are the conversation's; durations whole milliseconds;
  // no business calendar on this brand, so businessMs = ms.
  const dims = `c."organizationId", c."brandId", c.id, c.priority, c."teamId", c."channelId", c.sentiment,
    c.language, c."tagIds"`;
  const insert = async (label: string, select: string) => {
    const [ms, r] = await timed(() =>
      q(
        `INSERT INTO "MetricFact" ("organizationId", "brandId", "conversationId", priority, "teamId", "channelId",
           sentiment, language, "tagIds", kind, episode, seq, at, ms, "businessMs", hit, "agentUserId")
         SELECT ${dims}, x.kind, x.episode, x.seq, x.at, x.ms, x.ms, x.hit, x.agent
         FROM perch_p7.ep e JOIN "Conversation" c ON c.id = e.id
         CROSS JOIN LATERAL (${select}) x(kind, episode, seq, at, ms, hit, agent)`,
      ),
    );
    log(`facts ${label}: ${r.rowCount?.toLocaleString('en')} in ${(ms / 1000).toFixed(1)} s`);
  };
  const at = (msExpr: string) => `e.ep_start + make_interval(secs => (${msExpr}) / 1000.0)`;
  const replier = `(${agents})[1 + e.replier_i]`;
  const nth = `${at(`COALESCE(e.frt_ms, 0) + k * COALESCE(e.res_ms, 7200000) / (e.n_more + 2)`)}`;
  await insert(
    'inbound',
    `SELECT 'inbound' AS kind, e.episode, k AS seq, ${at('k * COALESCE(e.frt_ms, 600000) / e.n_in')} AS at,
       NULL::float8 AS ms, NULL::boolean AS hit, c."assigneeUserId" AS agent FROM generate_series(0, e.n_in - 1) k`,
  );
  await insert(
    'episodes',
    `SELECT 'episode_start', e.episode, 0, e.ep_start, NULL::float8, NULL::boolean, c."assigneeUserId"`,
  );
  await insert(
    'first responses',
    `SELECT 'first_response', e.episode, 0, ${at('e.frt_ms')}, e.frt_ms::float8, NULL::boolean, ${replier}
     WHERE e.frt_ms IS NOT NULL`,
  );
  await insert(
    'replies and outbound',
    `SELECT kind, e.episode, k, CASE WHEN k = 0 THEN ${at('e.frt_ms')} ELSE ${nth} END,
       CASE WHEN kind = 'reply' THEN CASE WHEN k = 0 THEN e.frt_ms ELSE GREATEST(5000, round(${LOGNORMAL('600000', 1)})) END END::float8,
       NULL::boolean, ${replier}
     FROM generate_series(0, e.n_more) k, unnest(ARRAY['reply', 'outbound']) kind WHERE e.frt_ms IS NOT NULL`,
  );
  await insert(
    'resolutions',
    `SELECT kind, e.episode, 0, ${at('e.res_ms')},
       CASE kind WHEN 'resolution' THEN e.res_ms WHEN 'requester_wait' THEN round(e.res_ms * (0.5 + 0.5 * random()))
         ELSE round(e.res_ms + extract(epoch FROM e.ep_start - e.t0) * 1000) END::float8, NULL::boolean, c."assigneeUserId"
     FROM unnest(ARRAY['resolution', 'requester_wait', 'full_resolution']) kind
     WHERE e.res_ms IS NOT NULL AND (kind <> 'full_resolution' OR e.episode = CASE WHEN e.reopened THEN 1 ELSE 0 END)`,
  );
  await insert(
    'SLA',
    `SELECT 'sla_first_response', e.episode, 0,
       CASE WHEN e.frt_ms <= 3600000 THEN ${at('e.frt_ms')} ELSE ${at('3600000')} END, NULL::float8,
       COALESCE(e.frt_ms <= 3600000, false), c."assigneeUserId"
     WHERE e.frt_ms IS NOT NULL OR e.ep_start < now() - interval '1 hour'
     UNION ALL
     SELECT 'sla_resolution', e.episode, 0,
       CASE WHEN e.res_ms <= 86400000 THEN ${at('e.res_ms')} ELSE ${at('86400000')} END, NULL, e.res_ms <= 86400000,
       c."assigneeUserId" WHERE e.res_ms IS NOT NULL
     UNION ALL
     SELECT 'sla_next_response', e.episode, k, ${nth}, NULL, random() < 0.85, c."assigneeUserId"
     FROM generate_series(1, e.n_more) k WHERE e.frt_ms IS NOT NULL`,
  );
  await q(`ANALYZE "MetricFact"`);
  await q(`ANALYZE "Conversation"`);
  const counts = await q(
    `SELECT count(*) FILTER (WHERE kind = 'inbound')::bigint AS inbound, count(*)::bigint AS facts
     FROM "MetricFact" WHERE "organizationId" = $1 AND "brandId" = $2`,
    [t.organizationId, t.brandId],
  );
  const row = counts.rows[0] as { inbound: string; facts: string };
  await q('DROP TABLE perch_p7.ep');
  await q('DROP TABLE perch_p7.conv');
  return { mentions: Number(row.inbound), facts: Number(row.facts) };
}

/**
 * The rollups of a brand from its facts by bulk SQL, laid out exactly as features/metrics writes them (contracts:
 * hour rows brand totals, day and month rows per dimension, log-scale histograms as in histogram.ts). One scan of
 * the facts per dimension (day and month rows of it together, and the hour rows with the brand totals).
 */
async function buildRollupsBySql(client: pg.Client, organizationId: string, brandId: string) {
  const q = (sql: string, values?: unknown[]) => client.query(sql, values);
  await q(`SET TIME ZONE 'UTC'`);
  // Dense histogram from (bucket index, count) pairs; an index may repeat (summed). Session-local function.
  await q(`CREATE OR REPLACE FUNCTION pg_temp.p7_dense(idx int[], n bigint[]) RETURNS int[] LANGUAGE plpgsql
    IMMUTABLE AS $f$
    DECLARE r int[]; m int; i int;
    BEGIN
      SELECT max(x) INTO m FROM unnest(idx) x;
      IF m IS NULL THEN RETURN '{}'; END IF;
      r := array_fill(0, ARRAY[m + 1]);
      FOR i IN 1 .. array_length(idx, 1) LOOP
        IF idx[i] IS NOT NULL THEN r[idx[i] + 1] := r[idx[i] + 1] + n[i]; END IF;
      END LOOP;
      RETURN r;
    END $f$`);
  await q(`DELETE FROM "MetricRollup" WHERE "organizationId" = $1 AND "brandId" = $2`, [organizationId, brandId]);
  const durations = DURATION_KINDS.map((k) => `'${k}'`).join(',');
  // histogram.ts bucketOf: 0 under 100 ms, else 1 + floor(ln(ms / 100) / ln(1.08)), at most 255.
  const hb = (col: string) =>
    `CASE WHEN f.kind IN (${durations}) AND f.${col} IS NOT NULL THEN
       CASE WHEN f.${col} >= 100 THEN LEAST(255, 1 + floor(ln(f.${col} / 100.0) / ln(1.08::float8))::int) ELSE 0 END END`;
  const day = `(date_trunc('day', f.at AT TIME ZONE $3::text) AT TIME ZONE $3::text)`;
  const month = `(date_trunc('month', f.at AT TIME ZONE $3::text) AT TIME ZONE $3::text)`;
  const hour = `date_trunc('hour', f.at)`;
  const dimensions: [string, string, string][] = [
    ['', `''`, ''],
    ['agent', `COALESCE(f."agentUserId"::text, '')`, ''],
    ['team', `COALESCE(f."teamId"::text, '')`, ''],
    ['channel', `COALESCE(f."channelId"::text, '')`, ''],
    ['priority', `f.priority::text`, ''],
    ['sentiment', `COALESCE(f.sentiment, '')`, ''],
    ['language', `COALESCE(f.language, '')`, ''],
    [
      'tag',
      `t.dv`,
      `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f."tagIds") = 0 THEN ARRAY['']::text[] ELSE f."tagIds"::text[] END) t(dv)`,
    ],
  ];
  for (const [dim, value, join] of dimensions) {
    const sets =
      dim === ''
        ? `(kind, dv, g_day, hb, hbb), (kind, dv, g_month, hb, hbb), (kind, dv, g_hour, hb, hbb)`
        : `(kind, dv, g_day, hb, hbb), (kind, dv, g_month, hb, hbb)`;
    const [ms] = await timed(() =>
      q(
        `INSERT INTO "MetricRollup" ("organizationId", "brandId", grain, kind, dim, "dimValue", bucket, count, hits,
           "sumMs", "sumBusinessMs", hist, "histBusiness")
         SELECT $1::uuid, $2::uuid, grain, kind, $4::text, dv, bucket, sum(n)::int, sum(h)::int, COALESCE(sum(s), 0), COALESCE(sum(sb), 0),
                pg_temp.p7_dense(array_agg(hb), array_agg(n)), pg_temp.p7_dense(array_agg(hbb), array_agg(n))
         FROM (
           SELECT CASE WHEN g_day IS NOT NULL THEN 'day' WHEN g_month IS NOT NULL THEN 'month' ELSE 'hour' END AS grain,
                  kind, dv, ${dim === '' ? 'COALESCE(g_day, g_month, g_hour)' : 'COALESCE(g_day, g_month)'} AS bucket, hb, hbb,
                  count(*) AS n, count(*) FILTER (WHERE hit) AS h, sum(ms) AS s, sum(bms) AS sb
           FROM (
             SELECT f.kind, ${value} AS dv, ${day} AS g_day, ${month} AS g_month, ${hour} AS g_hour,
                    ${hb('ms')} AS hb, ${hb('"businessMs"')} AS hbb, f.hit, f.ms, f."businessMs" AS bms
             FROM "MetricFact" f ${join}
             WHERE f."organizationId" = $1::uuid AND f."brandId" = $2::uuid) f
           GROUP BY GROUPING SETS (${sets})) x
         GROUP BY grain, kind, dv, bucket`,
        [organizationId, brandId, ZONE, dim],
      ),
    );
    log(`rollups by SQL: dimension '${dim}' in ${(ms / 1000).toFixed(1)} s`);
  }
  await q(`ANALYZE "MetricRollup"`);
}

/** Every rollup row of a brand in a stable order. */
async function rollupSnapshot(client: pg.Client, organizationId: string) {
  const r = await client.query(
    `SELECT "brandId", grain, kind, dim, "dimValue", bucket, count, hits, "sumMs", "sumBusinessMs", hist, "histBusiness"
     FROM "MetricRollup" WHERE "organizationId" = $1
     ORDER BY "brandId", grain, kind, dim, "dimValue", bucket`,
    [organizationId],
  );
  return r.rows.map((row: Record<string, unknown>) =>
    JSON.stringify({ ...row, bucket: (row.bucket as Date).toISOString() }),
  );
}

/** The bulk SQL rollups equal the metrics rebuild (features/metrics rebuildRollups) on a small data set. */
export async function verifyRollups(db: Database, client: pg.Client, conversations: number) {
  const t = await createTenant(db, `P7 verify ${Date.now()}`);
  await generate(client, t, conversations);
  await buildRollupsBySql(client, t.organizationId, t.brandId);
  const bySql = await rollupSnapshot(client, t.organizationId);
  await rebuildRollups(db.prisma, { organizationId: t.organizationId, brandId: t.brandId });
  const byRebuild = await rollupSnapshot(client, t.organizationId);
  const rebuilt = new Set(byRebuild);
  const differing = bySql.filter((row) => !rebuilt.has(row));
  const key = (row: string) => {
    const r = JSON.parse(row) as Record<string, unknown>;
    return `${String(r.grain)}|${String(r.kind)}|${String(r.dim)}|${String(r.dimValue)}|${String(r.bucket)}`;
  };
  const rebuiltByKey = new Map(byRebuild.map((row) => [key(row), row]));
  for (const row of differing.slice(0, 3))
    log(`differs: SQL ${row.slice(0, 400)}\n  rebuild ${(rebuiltByKey.get(key(row)) ?? 'missing').slice(0, 400)}`);
  await client.query(`DELETE FROM "MetricRollup" WHERE "organizationId" = $1`, [t.organizationId]);
  await db.prisma.organization.delete({ where: { id: t.organizationId } });
  return {
    conversations,
    rows: bySql.length,
    rebuildRows: byRebuild.length,
    equal: differing.length === 0 && bySql.length === byRebuild.length,
  };
}

export async function ensureTenant(db: Database, client: pg.Client, mentions: number): Promise<P7Tenant> {
  const tenant = await findOrSeedTenant(db, client, mentions);
  await ensureEnterprise(db, tenant.organizationId, tenant.brandId);
  return tenant;
}

async function findOrSeedTenant(db: Database, client: pg.Client, mentions: number): Promise<P7Tenant> {
  await client.query('CREATE SCHEMA IF NOT EXISTS perch_bench');
  await client.query(`CREATE TABLE IF NOT EXISTS perch_bench.p7_dataset (
    requested bigint PRIMARY KEY, organization_id uuid NOT NULL, brand_id uuid NOT NULL, manager_user_id uuid NOT NULL,
    agent_user_ids uuid[] NOT NULL, mentions bigint NOT NULL, facts bigint NOT NULL, conversations bigint NOT NULL,
    seed_seconds float8, rollup_seconds float8, seeded_at timestamptz NOT NULL DEFAULT now())`);
  const found = await client.query('SELECT * FROM perch_bench.p7_dataset WHERE requested = $1', [mentions]);
  const row = found.rows[0] as Record<string, unknown> | undefined;
  if (row) {
    log(`P7 data set for ${mentions.toLocaleString('en')} mentions found, reused`);
    return {
      organizationId: row.organization_id as string,
      brandId: row.brand_id as string,
      managerUserId: row.manager_user_id as string,
      agentUserIds: row.agent_user_ids as string[],
      mentions: Number(row.mentions),
      facts: Number(row.facts),
      conversations: Number(row.conversations),
      seedSeconds: null,
      rollupSeconds: null,
    };
  }
  const conversations = Math.round(mentions / 2.6);
  log(`generating ${conversations.toLocaleString('en')} conversations (~${mentions.toLocaleString('en')} mentions)`);
  const t = await createTenant(db, `P7 Air ${mentions}`);
  const [seedMs, sizes] = await timed(() => generate(client, t, conversations));
  log(
    `facts: ${sizes.facts.toLocaleString('en')} (${sizes.mentions.toLocaleString('en')} inbound) in ${(seedMs / 1000).toFixed(0)} s`,
  );
  const [rollupMs] = await timed(() => buildRollupsBySql(client, t.organizationId, t.brandId));
  // The state of a database that has been running: autovacuum would have set the visibility maps by now.
  for (const table of ['MetricFact', 'MetricRollup', 'Conversation']) await client.query(`VACUUM (ANALYZE) "${table}"`);
  await client.query(`INSERT INTO perch_bench.p7_dataset VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
    mentions,
    t.organizationId,
    t.brandId,
    t.managerUserId,
    t.agentUserIds,
    sizes.mentions,
    sizes.facts,
    conversations,
    seedMs / 1000,
    rollupMs / 1000,
  ]);
  return {
    ...t,
    ...sizes,
    conversations,
    seedSeconds: seedMs / 1000,
    rollupSeconds: rollupMs / 1000,
  };
}
