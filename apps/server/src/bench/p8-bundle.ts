import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface P8Result {
  /** gzip KiB of the JavaScript an agent's browser loads to show the inbox (entry, inbox route, one language). */
  firstLoadKiB: number;
  chunks: { file: string; gzipKiB: number }[];
  /** For comparison: the same without lazy routes, i.e. every JavaScript file of the build. */
  wholeAppKiB: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}

/**
 * P8: the JavaScript (gzip) an agent's browser fetches to show the inbox, from the production build's manifest:
 * the entry with its static imports, the inbox route with its static imports, and the English first-load strings.
 * Dashboards and settings pages are lazy and not counted; the whole build is reported beside it.
 */
export function measureBundle(distDir: string): P8Result {
  const manifestPath = path.join(distDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`P8: no ${manifestPath} — build the web app first`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const byKey = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`P8: ${key} is not in the build manifest`);
    return chunk;
  };
  const wanted = new Set<string>();
  const visit = (key: string) => {
    if (wanted.has(key)) return;
    wanted.add(key);
    for (const dep of byKey(key).imports ?? []) visit(dep);
  };
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('P8: no entry in the build manifest');
  visit(entry);
  visit('src/app/routes/inbox.tsx');
  // The English first-load strings (the page strings, src/locales/pages.en.ts, come with the settings pages).
  visit('src/locales/core.en.ts');
  const gzipKiB = (file: string) => gzipSync(fs.readFileSync(path.join(distDir, file))).length / 1024;
  const chunks = [...wanted]
    .map((key) => byKey(key).file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, gzipKiB: round(gzipKiB(file)) }))
    .sort((a, b) => b.gzipKiB - a.gzipKiB);
  const all = fs
    .readdirSync(path.join(distDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipKiB(path.join('assets', f)), 0);
  return {
    firstLoadKiB: round(chunks.reduce((sum, c) => sum + c.gzipKiB, 0)),
    chunks,
    wholeAppKiB: round(all),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
