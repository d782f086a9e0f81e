import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/**
 * Appends one run to `bench/results/<date>-<name>.json` (one file per day and run kind; every run of the day is
 * kept) and returns the file's path relative to the repository.
 */
export function appendRunResult(name: string, bar: string, run: object): string {
  const file = path.join(repoRoot, 'bench/results', `${new Date().toISOString().slice(0, 10)}-${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { runs?: unknown[] }) : {};
  const runs = [...(Array.isArray(earlier.runs) ? earlier.runs : []), { date: new Date().toISOString(), ...run }];
  fs.writeFileSync(file, `${JSON.stringify({ bar, runs }, null, 2)}\n`);
  return path.relative(repoRoot, file);
}

export function printTable(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

export const stamp = (tag: string) => (line: string) =>
  process.stderr.write(`[${tag} ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
