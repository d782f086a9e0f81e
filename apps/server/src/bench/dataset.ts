import pg from 'pg';
import type { Database } from '../db/database.ts';
import { createXChannel } from '../features/channels/channels.service.ts';
import { addMember, createBrand, createOrganization, createUser, stableId, subscribeBrand } from '../seed/factories.ts';

/**
 * The benchmark data set: one brand ("Bench Air") with N mentions over two years, ~N/10 customers and handles,
 * ~N/3 conversations and one `received` event per mention (+ one `conversation_created` per conversation), with
 * every index of the schema. Generated once inside the database by set-based SQL (generate_series), recorded in
 * `perch_bench.dataset`, and reused by later runs of the same size.
 */
export const BENCH_X_USER_ID = '900000000000000777';
export const BENCH_CONSUMER_SECRET = 'bench-consumer-secret-0123456789abcdef';
export const BENCH_PASSWORD = 'bench-password-2026!';
export const BENCH_EMAIL = 'bench.manager@bench.perch.test';
/** Fixed key for the bench database's sealed channel secrets (the server child gets the same one). */
export const BENCH_SECRET_KEY = Buffer.alloc(32, 7);

export interface Dataset {
  organizationId: string;
  brandId: string;
  channelId: string;
  mentions: number;
  customers: number;
  conversations: number;
  seededNow: boolean;
  seedSeconds: number | null;
}

const CHUNK = 1_000_000;
const TEXTS = [
  '@BenchAir flight BA%s delayed 3 hours, nobody at the gate knows anything',
  '@BenchAir my bag is lost since Lisbon, ref %s, please help',
  'Thanks @BenchAir for the upgrade on flight BA%s, lovely crew!',
  "@BenchAir vol BA%s annulé et personne ne répond, c'est inadmissible",
  '@BenchAir how do I change my seat on booking %s?',
];

export async function ensureDataset(db: Database, mentions: number, log: (line: string) => void): Promise<Dataset> {
  const dataset = await findOrSeed(db, mentions, log);
  await ensureEnterprise(db, dataset.organizationId, dataset.brandId);
  return dataset;
}

/**
 * The bench brand on Enterprise, once (a data set seeded before has none): its two years lie within the plan's
 * 1,095 days of history, so nothing is hidden (docs/billing.md, "Retention"), and the analytics it times need it.
 */
export async function ensureEnterprise(db: Database, organizationId: string, brandId: string) {
  const found = await db.prisma.subscription.findFirst({ where: { organizationId, brandId }, select: { id: true } });
  if (!found) await subscribeBrand(db.prisma, organizationId, brandId, 'enterprise');
}

async function findOrSeed(db: Database, mentions: number, log: (line: string) => void): Promise<Dataset> {
  const q = (sql: string, values?: unknown[]) => db.pool.query(sql, values);
  await q('CREATE SCHEMA IF NOT EXISTS perch_bench');
  await q(`CREATE TABLE IF NOT EXISTS perch_bench.dataset (
    organization_id uuid PRIMARY KEY, brand_id uuid NOT NULL, channel_id uuid NOT NULL, mentions bigint NOT NULL,
    customers bigint NOT NULL, conversations bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`);
  const existing = await q('SELECT * FROM perch_bench.dataset WHERE mentions = $1', [mentions]);
  const row = existing.rows[0] as
    | { organization_id: string; brand_id: string; channel_id: string; customers: string; conversations: string }
    | undefined;
  if (row) {
    log(`data set of ${mentions.toLocaleString('en')} mentions found, reused`);
    return {
      organizationId: row.organization_id,
      brandId: row.brand_id,
      channelId: row.channel_id,
      mentions,
      customers: Number(row.customers),
      conversations: Number(row.conversations),
      seededNow: false,
      seedSeconds: null,
    };
  }
  // Another size was seeded before: start from a clean organization table for this one.
  const old = await q('SELECT organization_id FROM perch_bench.dataset');
  for (const r of old.rows as { organization_id: string }[]) {
    log(`removing the previous bench organization ${r.organization_id}`);
    await q('DELETE FROM "Organization" WHERE id = $1', [r.organization_id]);
    await q('DELETE FROM perch_bench.dataset WHERE organization_id = $1', [r.organization_id]);
  }

  const started = Date.now();
  const org = await createOrganization(db.prisma, {
    name: `Bench Air ${mentions}`,
    id: stableId(`bench-org-${mentions}`),
  });
  const brand = await createBrand(db.prisma, org.id, {
    name: 'Bench Air',
    handle: 'BenchAir',
    timeZone: 'Europe/Paris',
  });
  const known = await q('SELECT id FROM "User" WHERE email = $1', [BENCH_EMAIL]);
  const manager =
    (known.rows[0] as { id: string } | undefined) ??
    (await createUser(db.prisma, { email: BENCH_EMAIL, name: 'Bench Manager', password: BENCH_PASSWORD }));
  await addMember(db.prisma, org.id, manager.id, 'owner');
  const channel = await createXChannel(
    db.prisma,
    { secretKey: BENCH_SECRET_KEY, publicUrl: 'http://127.0.0.1' },
    { userId: manager.id, organizationId: org.id, ip: null, role: 'owner' },
    {
      organizationId: org.id,
      brandId: brand.id,
      name: 'X @BenchAir',
      xUserId: BENCH_X_USER_ID,
      consumerSecret: BENCH_CONSUMER_SECRET,
    },
  );
  const customers = Math.max(1, Math.floor(mentions / 10));
  const conversations = Math.max(1, Math.floor(mentions / 3));

  await q(`CREATE OR REPLACE FUNCTION perch_bench.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
      substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
  // Bulk loads go much faster without secondary indexes: drop them, load, then build them again (all on).
  const tables = ['Customer', 'Handle', 'Conversation', 'Mention', 'ConversationEvent'];
  const indexes = await q(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  const defs = indexes.rows as { indexname: string; indexdef: string }[];
  for (const d of defs) await q(`DROP INDEX "${d.indexname}"`);

  const ctx = [org.id, brand.id];
  const span = `interval '730 days'`;
  log(`seeding ${customers.toLocaleString('en')} customers and handles`);
  await q(`CREATE TABLE perch_bench.customer_ids AS
    SELECT g AS n, perch_bench.uuid7(now() - ${span} + (g::float / ${customers}) * ${span}) AS id,
           perch_bench.uuid7(now() - ${span} + (g::float / ${customers}) * ${span}) AS hid
    FROM generate_series(0, ${customers - 1}) g`);
  await q(`ALTER TABLE perch_bench.customer_ids ADD PRIMARY KEY (n)`);
  await q(
    `INSERT INTO "Customer" (id, "organizationId", "displayName", "createdAt")
     SELECT id, $1, 'Customer ' || n, now() - ${span} FROM perch_bench.customer_ids`,
    [org.id],
  );
  await q(
    `INSERT INTO "Handle" (id, "organizationId", "customerId", network, "externalUserId", username, followers, verified, "updatedAt")
     SELECT hid, $1, id, 'x', 'u' || n, 'customer_' || n, (n * 37) % 50000, n % 97 = 0, now()
     FROM perch_bench.customer_ids`,
    [org.id],
  );
  log(`seeding ${conversations.toLocaleString('en')} conversations`);
  await q(`CREATE TABLE perch_bench.conversation_ids AS
    SELECT g AS n, perch_bench.uuid7(now() - ${span} + (g::float / ${conversations}) * ${span}) AS id,
           now() - ${span} + (g::float / ${conversations}) * ${span} AS at
    FROM generate_series(0, ${conversations - 1}) g`);
  await q(`ALTER TABLE perch_bench.conversation_ids ADD PRIMARY KEY (n)`);
  await q(
    `INSERT INTO "Conversation" (id, "organizationId", "brandId", "customerId", status, priority, sentiment, language,
       "waitingSince", "lastMessageAt", "episodeStartedAt", "createdAt", "updatedAt")
     SELECT v.id, $1, $2, c.id,
       (CASE WHEN v.n % 100 = 0 THEN 'open' WHEN v.n % 100 = 1 THEN 'new' WHEN v.n % 100 = 2 THEN 'pending' ELSE 'resolved' END)::"ConversationStatus",
       (ARRAY['low','normal','normal','high','urgent'])[1 + v.n % 5]::"Priority",
       (ARRAY['negative','neutral','positive'])[1 + v.n % 3], (ARRAY['en','fr','en','es','de'])[1 + v.n % 5],
       CASE WHEN v.n % 100 < 3 THEN v.at END, v.at, v.at, v.at, v.at
     FROM perch_bench.conversation_ids v JOIN perch_bench.customer_ids c ON c.n = v.n % ${customers}`,
    ctx,
  );
  await q(
    `INSERT INTO "ConversationEvent" ("organizationId", "conversationId", "brandId", type, data, "occurredAt")
     SELECT $1, id, $2, 'conversation_created', '{}', at FROM perch_bench.conversation_ids`,
    ctx,
  );
  for (let from = 0; from < mentions; from += CHUNK) {
    const to = Math.min(mentions, from + CHUNK) - 1;
    log(`seeding mentions ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${mentions.toLocaleString('en')}`);
    await q(
      `INSERT INTO "Mention" (id, "organizationId", "channelId", "brandId", "conversationId", "handleId", "externalId",
         kind, text, "postedAt", "receivedAt", language, sentiment, "sentimentScore", "isSpam", "priorityScore")
       SELECT perch_bench.uuid7(v.at + (g / ${conversations}) * interval '1 minute'), $1, $3, $2, v.id, c.hid,
         (1000000000000000000 + g)::text, CASE WHEN g >= ${conversations} THEN 'reply' ELSE 'mention' END,
         replace(($4::text[])[1 + g % 5], '%s', g::text),
         v.at + (g / ${conversations}) * interval '1 minute', v.at + (g / ${conversations}) * interval '1 minute',
         (ARRAY['en','en','en','fr','en'])[1 + g % 5], (ARRAY['negative','negative','positive','negative','neutral'])[1 + g % 5],
         ((g % 200) - 100) / 100.0, g % 50 = 0, (g * 7) % 100
       FROM generate_series(${from}, ${to}) g
       JOIN perch_bench.conversation_ids v ON v.n = g % ${conversations}
       JOIN perch_bench.customer_ids c ON c.n = v.n % ${customers}`,
      [...ctx, channel.channel.id, TEXTS],
    );
    await q(
      `INSERT INTO "ConversationEvent" ("organizationId", "conversationId", "brandId", type, data, "occurredAt")
       SELECT $1, v.id, $2, 'received', jsonb_build_object('kind', 'mention'), v.at + (g / ${conversations}) * interval '1 minute'
       FROM generate_series(${from}, ${to}) g JOIN perch_bench.conversation_ids v ON v.n = g % ${conversations}`,
      ctx,
    );
  }
  await q(
    `INSERT INTO "UsageRecord" (id, "organizationId", "brandId", metric, "periodStart", quantity)
     VALUES (gen_random_uuid(), $1, $2, 'mentions', date_trunc('month', now()), $3)`,
    [...ctx, mentions],
  );
  log(`building ${defs.length} indexes`);
  for (const d of defs) await q(d.indexdef);
  await q('DROP TABLE perch_bench.customer_ids, perch_bench.conversation_ids');
  log('vacuuming and analyzing');
  for (const t of tables) await q(`VACUUM ANALYZE "${t}"`);
  await q(
    `INSERT INTO perch_bench.dataset (organization_id, brand_id, channel_id, mentions, customers, conversations)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [org.id, brand.id, channel.channel.id, mentions, customers, conversations],
  );
  const seedSeconds = (Date.now() - started) / 1000;
  log(`data set seeded in ${seedSeconds.toFixed(0)} s`);
  return {
    organizationId: org.id,
    brandId: brand.id,
    channelId: channel.channel.id,
    mentions,
    customers,
    conversations,
    seededNow: true,
    seedSeconds,
  };
}

export type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult>;

/** The tables a write bar (P1) fills and empties: vacuumed, analyzed and checkpointed before the read bars. */
const WRITTEN_TABLES = ['Customer', 'Handle', 'Conversation', 'Mention', 'ConversationEvent', 'UsageRecord'];

export async function settleAfterWrites(db: Database, log: (line: string) => void) {
  const started = Date.now();
  for (const t of WRITTEN_TABLES) await db.pool.query(`VACUUM (ANALYZE) "${t}"`);
  await db.pool.query('CHECKPOINT');
  log(
    `data set settled after the writes (vacuum, analyze, checkpoint) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

/** The bench database is its own (never the application's): created on first use. */
export async function createDatabaseIfMissing(url: string, log: (line: string) => void) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bench database name must be a plain identifier: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      log(`creating database ${name}`);
      await client.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** X's v1.1 date format, as the Account Activity API sends it: `Sun Nov 29 10:00:00 +0000 2026`. */
export function xDate(d: Date): string {
  const [weekday, day, month, year, time] = d.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} +0000 ${year}`;
}
