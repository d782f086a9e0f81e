import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '../../apps/server');

/** Node's flags as `pnpm --filter @perch/server run start` / `run worker` pass them: read from their scripts. */
function nodeFlagsOf(script: 'start' | 'worker'): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts[script] ?? '').split(' ').filter((word) => word.startsWith('--'));
}
const NODE_FLAGS = { main: nodeFlagsOf('start'), 'worker-main': nodeFlagsOf('worker') };

export interface PerchProcess {
  readonly name: string;
  child: ChildProcess;
  /** SIGKILL to the whole process group: a crash, no graceful shutdown. */
  kill(): Promise<void>;
  /** SIGTERM, as a deploy stops it. */
  stop(): Promise<void>;
  output(): string;
}

/** Starts `src/main.ts` (web) or `src/worker-main.ts` (worker) with `env`; keeps its last output for errors. */
export function startProcess(name: string, script: 'main' | 'worker-main', env: Record<string, string>): PerchProcess {
  const child = spawn(process.execPath, [...NODE_FLAGS[script], `src/${script}.ts`], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, sig);
    } catch {
      return;
    }
    await exited;
  };
  return { name, child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM'), output: () => tail };
}

/** Waits for `/readyz` of a web process (or throws with its output). */
export async function waitReady(proc: PerchProcess, url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`${proc.name} not ready in ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until a worker process says it is ready (worker-main prints "perch-worker ready <pid>"). */
export async function waitWorker(proc: PerchProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!proc.output().includes('perch-worker ready')) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited:\n${proc.output()}`);
    if (Date.now() > until) throw new Error(`${proc.name} not ready in ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
