import fs from 'node:fs/promises';

/** Removes the embedded database folder of this run (the server has stopped by now). */
export default async function teardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir?.includes('perch-e2e-')) await fs.rm(dir, { recursive: true, force: true });
}
