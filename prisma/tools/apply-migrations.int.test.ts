// applyMigrations against a fresh in-memory PGlite, with two small hand-written migrations in a temp folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, pendingMigrations, type PgLikeClient } from './apply-migrations.ts';

const INIT = 'CREATE TABLE "Thing" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);\n';
const ADD_COLUMN =
  'ALTER TABLE "Thing" ADD COLUMN "color" TEXT;\nCREATE INDEX "Thing_color_idx" ON "Thing"("color");\n';

// The minimal pg-like client: exec() for parameterless (possibly multi-statement) SQL, query() otherwise.
function pgliteClient(db: PGlite): PgLikeClient {
  return {
    async query(sql, params) {
      if (params?.length) return { rows: (await db.query(sql, params)).rows };
      const results = await db.exec(sql);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('applyMigrations (PGlite)', () => {
  let dir: string;
  let db: PGlite;
  let client: PgLikeClient;

  async function writeMigration(name: string, sql: string) {
    await fs.mkdir(path.join(dir, name), { recursive: true });
    await fs.writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  const rows = async () =>
    (
      await db.query<{ id: string; migration_name: string; checksum: string; finished_at: Date | null }>(
        'SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"',
      )
    ).rows;

  // One PGlite for the file (each start costs ~3 s); every test starts from an empty public schema.
  beforeAll(async () => {
    db = await PGlite.create();
    client = pgliteClient(db);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'perch-migrations-'));
    await writeMigration('20250101000000_init', INIT);
    await writeMigration('20250102000000_add_color', ADD_COLUMN);
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('applies pending migrations in order and records them like Prisma', async () => {
    expect(await pendingMigrations(client, dir)).toEqual(['20250101000000_init', '20250102000000_add_color']);

    const logs: string[] = [];
    const { applied } = await applyMigrations(client, dir, (m) => logs.push(m));

    expect(applied).toEqual(['20250101000000_init', '20250102000000_add_color']);
    expect(logs).toHaveLength(2);
    const recorded = await rows();
    expect(recorded.map((r) => [r.migration_name, r.checksum])).toEqual([
      ['20250101000000_init', sha256(INIT)],
      ['20250102000000_add_color', sha256(ADD_COLUMN)],
    ]);
    for (const r of recorded) {
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
    }
    await db.query(`INSERT INTO "Thing" ("name", "color") VALUES ('a', 'red')`);
    expect(await pendingMigrations(client, dir)).toEqual([]);
  });

  it('is idempotent, and applies only what was added since', async () => {
    await applyMigrations(client, dir);
    expect((await applyMigrations(client, dir)).applied).toEqual([]);
    expect(await rows()).toHaveLength(2);

    await writeMigration('20250103000000_more', 'ALTER TABLE "Thing" ADD COLUMN "size" INT;');
    expect((await applyMigrations(client, dir)).applied).toEqual(['20250103000000_more']);
    expect(await rows()).toHaveLength(3);
  });

  it('applies each migration once when callers race on one shared session (as through pglite-socket)', async () => {
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(client, dir)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual(['20250101000000_init', '20250102000000_add_color']);
    expect(await rows()).toHaveLength(2);
  });

  it('refuses to run when an applied migration was edited', async () => {
    await applyMigrations(client, dir);
    await fs.appendFile(path.join(dir, '20250101000000_init', 'migration.sql'), '-- edited\n');
    await writeMigration('20250103000000_more', 'ALTER TABLE "Thing" ADD COLUMN "size" INT;');

    await expect(applyMigrations(client, dir)).rejects.toThrow(/20250101000000_init were modified/);
    expect(await rows()).toHaveLength(2); // the new migration was not applied either
  });

  it('accepts an applied migration whose line endings changed (git autocrlf)', async () => {
    await applyMigrations(client, dir);
    await fs.writeFile(path.join(dir, '20250101000000_init', 'migration.sql'), INIT.replace(/\n/g, '\r\n'));
    expect((await applyMigrations(client, dir)).applied).toEqual([]);
  });

  it('rolls a failing migration back entirely and records nothing', async () => {
    await writeMigration(
      '20250103000000_broken',
      'CREATE TABLE "Half" ("id" INT);\nALTER TABLE "Nope" ADD COLUMN "x" INT;\n',
    );

    await expect(applyMigrations(client, dir)).rejects.toThrow(/20250103000000_broken failed/);
    expect((await rows()).map((r) => r.migration_name)).toEqual(['20250101000000_init', '20250102000000_add_color']);
    expect((await db.query(`SELECT to_regclass('"Half"') AS t`)).rows).toEqual([{ t: null }]);
    expect(await pendingMigrations(client, dir)).toEqual(['20250103000000_broken']);
  });
});
