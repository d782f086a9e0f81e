import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_SECRET_KEY } from './dataset.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

/**
 * The V8 flags of the server's `start` (web) and `worker` scripts (package.json; a test keeps them equal). Both
 * let the old generation grow by 20 % at a time instead of V8's own, far more eager factor, and keep the young
 * generation small: that holds a web process under 300 MB under load (P11) without `--optimize-for-size`, which
 * held memory too but made all JavaScript slower (docs/benchmarks.md, P11). The worker's young generation is
 * larger (16 MB): a batch of posts makes much short-lived garbage, and with 4 MB garbage collection was 31 % of
 * its time while it drained a backlog.
 */
export const WEB_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=20'] as const;
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=20'] as const;

/** A Perch server as its own process (as deployed), on the bench database. */
export async function startServer(options: {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  /** How long to wait for /readyz (default 120 s). */
  readyTimeoutMs?: number;
  /** Echo the server's output to this process's (default true); the last lines are kept for errors either way. */
  echo?: boolean;
}): Promise<{ url: string; child: ChildProcess; rssMb(): number; stop(): Promise<void> }> {
  // As `pnpm start` runs it: Node 24 strips the types itself (no tsx loader in the process).
  const child = spawn(process.execPath, [...WEB_NODE_FLAGS, 'src/main.ts'], {
    cwd: serverDir,
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the bench hands its own environment to the server child
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      PERCH_SIMULATOR: 'false',
      PERCH_SECRET_KEY: BENCH_SECRET_KEY.toString('base64'),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.dataDir ? { PERCH_DATA_DIR: options.dataDir } : {}),
      ...options.env,
    },
    // Its own process group, so that a kill reaches anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = outputTail(child, options.echo ?? true);
  const url = `http://127.0.0.1:${options.port}`;
  const timeoutMs = options.readyTimeoutMs ?? 120_000;
  const until = Date.now() + timeoutMs;
  let lastAnswer = 'no answer yet';
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server on port ${options.port} exited with ${child.exitCode}; its last output:\n${tail()}`);
    }
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) })
      .then(async (r) => {
        lastAnswer = `${r.status} ${(await r.text()).slice(0, 200)}`;
        return r.ok;
      })
      .catch((error: unknown) => {
        lastAnswer = String((error as { cause?: unknown }).cause ?? error);
        return false;
      });
    if (ok) break;
    if (Date.now() > until) {
      // Never leave a half-started server behind (it would hold the database and the port).
      killGroup(child);
      throw new Error(
        `server on port ${options.port} did not become ready in ${timeoutMs / 1000} s ` +
          `(last /readyz: ${lastAnswer}); its last output:\n${tail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    /** Resident memory of the server process (the largest of it and its children, if it has any). */
    rssMb: () => rssOf(child.pid ?? 0),
    stop: () => stopProcess(child),
  };
}

/**
 * A worker-only process (`src/worker-main.ts`, as deployed beside web-only servers: ARCHITECTURE.md) on the bench
 * PostgreSQL database, ready once it prints its ready line.
 */
export async function startWorker(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  echo?: boolean;
}): Promise<{ child: ChildProcess; rssMb(): number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, 'src/worker-main.ts'], {
    cwd: serverDir,
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the bench hands its own environment to the worker child
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PERCH_SECRET_KEY: BENCH_SECRET_KEY.toString('base64'),
      DATABASE_URL: options.databaseUrl,
      ...options.env,
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = outputTail(child, options.echo ?? true);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`worker did not become ready in 120 s; its last output:\n${tail()}`));
    }, 120_000);
    child.stdout?.on('data', (chunk: string) => {
      if (String(chunk).includes('perch-worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}; its last output:\n${tail()}`));
    });
  });
  return {
    child,
    rssMb: () => rssOf(child.pid ?? 0),
    stop: () => stopProcess(child),
  };
}

/** SIGTERM, 15 s to exit, then SIGKILL to its whole process group. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function rssOf(pid: number): number {
  let max = 0;
  for (const p of descendants(pid)) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      max = Math.max(max, kb / 1024);
    } catch {
      // gone
    }
  }
  return max;
}

function descendants(pid: number): number[] {
  const all = [pid];
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) all.push(...descendants(Number(c)));
  } catch {
    // gone
  }
  return all;
}

/** Keeps the last lines a server printed (and echoes them when asked): a server that fails to start says why. */
function outputTail(child: ChildProcess, echo: boolean): () => string {
  const lines: string[] = [];
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      if (echo) out.write(chunk);
      lines.push(
        ...chunk
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(0, 500)),
      );
      if (lines.length > 60) lines.splice(0, lines.length - 60);
    });
  }
  return () => lines.join('\n') || '(nothing)';
}
