import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/database.ts';
import { enrich } from '../features/enrichment/index.ts';
import { importFile } from '../features/ingest/import.service.ts';
import { loadBrandTriage } from '../features/rules/brand-rules.ts';
import { insertMentionForBaseline } from './baseline.repository.ts';
import type { Dataset } from './dataset.ts';

export interface P1Result {
  importRows: number;
  importSeconds: number;
  mentionsPerSecond: number;
  stored: number;
  createLoop: { rows: number; seconds: number; mentionsPerSecond: number };
  copy: { rows: number; seconds: number; mentionsPerSecond: number } | { error: string };
  vsCreateLoop: number;
  vsCopy: number | null;
}

/**
 * P1: a history file imported into the bench brand (which already has the data set's mentions, every index on),
 * through the product's own path (parse → set-based store: customers, threading, enrichment, events, usage).
 * Baselines in the same run: a `prisma.mention.create` loop and a raw COPY of the same number of mention rows.
 * The file mixes known authors (30 %), new authors, and replies to stored posts (15 %).
 */
export async function benchImport(
  db: Database,
  ds: Dataset,
  rows: number,
  log: (line: string) => void,
): Promise<P1Result> {
  const run = Date.now().toString(36);
  const file = path.join(os.tmpdir(), `perch-bench-p1-${run}.ndjson`);
  const out = fs.createWriteStream(file);
  for (let i = 0; i < rows; i++) {
    const known = i % 10 < 3;
    const author = known ? `u${(i * 7919) % ds.customers}` : `n${run}-${Math.floor(i / 2)}`;
    const replyTo = i % 20 < 3 ? String(1000000000000000000n + BigInt((i * 104729) % ds.mentions)) : undefined;
    const line = {
      id: `p1-${run}-${i}`,
      text: `@BenchAir ${i % 2 ? 'my bag never arrived in Lisbon, ref' : 'vol retardé encore une fois, dossier'} ${i}`,
      created_at: new Date(Date.now() - (rows - i) * 1000).toISOString(),
      author: { id: author, username: `user_${author}`, name: `User ${author}`, followers: i % 5000 },
      ...(replyTo ? { in_reply_to_id: replyTo, kind: 'reply' } : {}),
    };
    if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));

  log(`P1: importing ${rows.toLocaleString('en')} rows into a brand with ${ds.mentions.toLocaleString('en')} mentions`);
  const started = performance.now();
  const report = await importFile(db.prisma, null, {
    channelId: ds.channelId,
    source: fs.createReadStream(file),
    format: 'ndjson',
    enrich,
    loadTriage: loadBrandTriage,
  });
  const importSeconds = (performance.now() - started) / 1000;
  fs.rmSync(file, { force: true });
  if (report.rejected.length > 0)
    throw new Error(`P1: ${report.rejected.length} rows rejected: ${report.rejected[0]?.error}`);

  // Baseline 1: one prisma.mention.create per row (a sample; its rate is per row, so the sample size is fair).
  const loopRows = Math.min(2_000, rows);
  log(`P1 baseline: prisma.mention.create loop × ${loopRows.toLocaleString('en')}`);
  const loopStart = performance.now();
  for (let i = 0; i < loopRows; i++) {
    await insertMentionForBaseline(db.prisma, {
      organizationId: ds.organizationId,
      brandId: ds.brandId,
      channelId: ds.channelId,
      externalId: `p1-loop-${run}-${i}`,
      text: `@BenchAir my bag never arrived, ref ${i}`,
      postedAt: new Date(),
    });
  }
  const loopSeconds = (performance.now() - loopStart) / 1000;

  // Baseline 2: raw COPY of the same number of mention rows (no customers, threading or events).
  log(`P1 baseline: COPY × ${rows.toLocaleString('en')}`);
  let copy: P1Result['copy'];
  try {
    const client = await db.pool.connect();
    try {
      const copyStart = performance.now();
      const stream = client.query(
        copyFrom(
          'COPY "Mention" (id, "organizationId", "channelId", "brandId", "externalId", kind, text, "postedAt") FROM STDIN',
        ),
      );
      const now = new Date().toISOString();
      await pipeline(
        Readable.from(
          (function* () {
            for (let i = 0; i < rows; i++) {
              yield `${uuidv7()}\t${ds.organizationId}\t${ds.channelId}\t${ds.brandId}\tp1-copy-${run}-${i}\tmention\t@BenchAir my bag never arrived, ref ${i}\t${now}\n`;
            }
          })(),
        ),
        stream,
      );
      const seconds = (performance.now() - copyStart) / 1000;
      copy = { rows, seconds, mentionsPerSecond: rows / seconds };
    } finally {
      client.release();
    }
  } catch (error) {
    copy = { error: (error as Error).message };
  }
  // The baselines' rows are not part of the data set.
  await db.pool.query(`DELETE FROM "Mention" WHERE "channelId" = $1 AND "externalId" LIKE $2`, [
    ds.channelId,
    `p1-%-${run}-%`,
  ]);

  const mentionsPerSecond = rows / importSeconds;
  const createLoop = { rows: loopRows, seconds: loopSeconds, mentionsPerSecond: loopRows / loopSeconds };
  return {
    importRows: rows,
    importSeconds,
    mentionsPerSecond,
    stored: report.stored,
    createLoop,
    copy,
    vsCreateLoop: mentionsPerSecond / createLoop.mentionsPerSecond,
    vsCopy: 'mentionsPerSecond' in copy ? mentionsPerSecond / copy.mentionsPerSecond : null,
  };
}
