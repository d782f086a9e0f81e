import type { Database } from '../db/database.ts';
import { searchInbox } from '../features/inbox/inbox-search.service.ts';
import type { Dataset } from './dataset.ts';
import { benchActor, percentile, timed } from './p4-inbox.ts';

/**
 * Queries over the seeded texts (dataset.ts TEXTS): common words (in 20–40 % of the 10M mentions), a French
 * stemmed form, a word in no mention, one post's own flight number (one mention), and customer handle prefixes.
 */
export const P6_QUERIES = [
  'flight',
  'delayed',
  'lost bag',
  'annulés',
  'upgrade crew',
  'zeppelin',
  'BA4242420',
  '@customer_4242',
  'customer_99999',
  'Customer 31337',
];

/**
 * P6: inbox.search in the bench brand (service call: scope checks, both keyset streams, row hydration), p95
 * over `rounds` rounds of every query. Baseline: `text ILIKE '%word%'` newest first, LIMIT 50, under a 2 s
 * statement timeout (a timeout is reported as ≥ 2,000 ms).
 */
export async function benchSearch(db: Database, ds: Dataset, rounds: number, log: (line: string) => void) {
  const actor = await benchActor(db, ds, log);
  const per: { query: string; p95Ms: number; hits: number; ilikeMs: number }[] = [];
  const all: number[] = [];
  for (const query of P6_QUERIES) {
    const input = { organizationId: ds.organizationId, brandId: ds.brandId, query, filters: {}, limit: 50 };
    const first = await searchInbox(db.prisma, actor, input);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push((await timed(() => searchInbox(db.prisma, actor, input)))[0]);
    all.push(...times);
    const client = await db.pool.connect();
    let ilikeMs: number;
    try {
      await client.query(`SET statement_timeout = 2000`);
      const started = performance.now();
      try {
        await client.query(
          `SELECT id FROM "Mention" WHERE "organizationId" = $1 AND "brandId" = $2 AND text ILIKE $3
           ORDER BY "postedAt" DESC LIMIT 50`,
          [ds.organizationId, ds.brandId, `%${query.replace(/^@/, '')}%`],
        );
        ilikeMs = performance.now() - started;
      } catch {
        ilikeMs = 2000;
      }
      await client.query(`RESET statement_timeout`);
    } finally {
      client.release();
    }
    const row = { query, p95Ms: percentile(times, 95), hits: first.rows.length, ilikeMs };
    log(`P6 "${query}": p95 ${row.p95Ms.toFixed(1)} ms, ${row.hits} hits; ILIKE ${ilikeMs.toFixed(0)} ms`);
    per.push(row);
  }
  return { rounds, queries: per, p95Ms: percentile(all, 95), p50Ms: percentile(all, 50) };
}
export type P6Result = Awaited<ReturnType<typeof benchSearch>>;
