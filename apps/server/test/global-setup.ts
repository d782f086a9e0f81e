import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string;
  }
}

/**
 * Once per run: an embedded PostgreSQL with every migration applied, saved as a snapshot file. Each integration
 * test file then starts its own fresh copy from it instead of running initdb and the migrations again.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const db = await openDatabase({ dataDir: 'memory://', poolSize: 1, statementTimeoutMs: 60_000, migrate: true });
  const blob = await db.snapshot!();
  await db.close();
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'perch-template-')), 'template.tar');
  await fs.writeFile(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('embeddedTemplate', file);
  return () => fs.rm(path.dirname(file), { recursive: true, force: true });
}
