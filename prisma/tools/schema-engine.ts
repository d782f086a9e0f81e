// Shared plumbing for migrate:create and migrate:check.
//
// Prisma's CLI cannot run `migrate dev` / `migrate diff` offline (it downloads a native schema engine first),
// so we drive the published WebAssembly schema engine ourselves, through a driver adapter over an in-memory
// PGlite. The engine only needs that database as a scratch "dev" database and as its shadow database: both are
// thrown away, nothing here touches a real database.
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export const prismaDir = path.resolve(import.meta.dirname, '..');

/** No externally managed tables/enums (prisma.config.ts declares none). */
export const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

/** `--schema` / `--migrations` let the tools run on a copy of the prisma folder (tests, experiments). */
export function cliOptions() {
  const { values } = parseArgs({
    // pnpm forwards the `--` separator of `pnpm run x -- --name y` literally: drop it.
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      name: { type: 'string' }, // migrate:create only
      empty: { type: 'boolean' }, // migrate:create only
    },
  });
  return {
    ...values,
    schema: path.resolve(values.schema ?? path.join(prismaDir, 'schema.prisma')),
    migrations: path.resolve(values.migrations ?? path.join(prismaDir, 'migrations')),
  };
}

/** The schema as the engine wants it: one file, or every `.prisma` file of a folder (multi-file schema). */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const stat = await fs.stat(schemaPath);
  const paths = stat.isDirectory()
    ? (await fs.readdir(schemaPath, { recursive: true }))
        .filter((f) => f.endsWith('.prisma'))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath];
  return Promise.all(paths.map(async (p) => ({ path: p, content: await fs.readFile(p, 'utf8') })));
}

/** Same shape and ordering as the Prisma CLI builds from the migrations folder (a missing folder = no migrations). */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockPath = 'migration_lock.toml';
  const lockContent = await fs.readFile(path.join(baseDir, lockPath), 'utf8').catch(() => null);
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = await Promise.all(
    entries
      .filter((e) => e.isDirectory())
      .map(async (e) => ({
        path: e.name,
        migrationFile: {
          path: 'migration.sql',
          content: await fs
            .readFile(path.join(baseDir, e.name, 'migration.sql'), 'utf8')
            .then((value) => ({ tag: 'ok' as const, value }))
            .catch((err: Error) => ({ tag: 'error' as const, value: err.message })),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile: { path: lockPath, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

// The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which needs ESM-wasm
// integration (absent on Node 20, and not something tsx handles). Instantiate the module by hand instead, and
// only once per process: wasm-bindgen's start function cannot run twice ("FnOnce called more than once").
// (The project's `lib: ES2023` has no WebAssembly typings; this is the one call we need.)
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
let enginePromise: Promise<typeof SchemaEngine> | undefined;
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await fs.readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg.SchemaEngine;
  })();
  return enginePromise;
}

// pglite-prisma-adapter 0.7.2 fires `executeScript` without awaiting it, so a failing migration script surfaces
// as an unhandled rejection instead of an engine error. Await it (and keep the adapter's error mapping).
function awaitScripts(db: PGlite, adapter: SqlDriverAdapter): SqlDriverAdapter {
  const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script) => {
    await db.exec(script).catch(onError);
  };
  return adapter;
}

/**
 * Runs `fn` with a schema engine whose dev database and shadow databases are fresh in-memory PGlites, then
 * frees everything. Errors raised inside the adapter reach us as "External error id#N"; they are swapped for
 * the original error kept in the factory's error registry, so the message names the real problem.
 */
export async function withSchemaEngine<T>(
  schemaFiles: SchemaContainer[],
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const databases: PGlite[] = [];
  const open = () => {
    const db = new PGlite();
    databases.push(db);
    return db;
  };
  const dev = open();
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: 'perch-pglite-memory',
    connect: async () => awaitScripts(dev, await new PrismaPGlite(dev).connect()),
    connectToShadowDb: async () => {
      const shadow = open();
      return awaitScripts(shadow, await new PrismaPGlite(shadow).connect());
    },
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const resolveError = (e: unknown): unknown => {
    const id = /External error id#(\d+)/.exec(String((e as Error)?.message ?? e))?.[1];
    const original = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id));
    return original ? original.error : e;
  };
  const datamodels = schemaFiles.map((f): [string, string] => [f.path, f.content]);
  const log = (msg: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error('[schema-engine]', msg);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngineClass.new({ datamodels }, log, bound);
    return await fn(engine);
  } catch (e) {
    throw resolveError(e);
  } finally {
    engine?.free();
    await Promise.all(databases.map((db) => db.close().catch(() => {})));
  }
}

/** Engine errors carry the useful text in `message` (schema validation, SQL errors of a migration, ...). */
export function fail(e: unknown): never {
  const err = e as Error & { code?: string };
  console.error(`\n${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`);
  if (process.env.DEBUG_SCHEMA_ENGINE && err.stack) console.error(err.stack);
  process.exit(1);
}
