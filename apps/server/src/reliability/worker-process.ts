import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isAlive, killNow, stopGracefully } from './child-process.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

export interface WorkerProcessOptions {
  databaseUrl: string;
  /** Base64 of the 32-byte key that sealed the channel secrets. */
  secretKey: string;
  /** Flags for src/worker-main.ts (see its header). */
  args: string[];
  /** The worker's own output goes here (its pino logs, its crash). */
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}

/**
 * One worker-main process, started and killed on demand. It runs as `node --import tsx` rather than through the
 * tsx binary, which would put the worker in a child of its own: a SIGKILL must reach the process that holds the
 * jobs and the leases, and nothing else.
 */
export class WorkerProcess {
  private child: ChildProcess | null = null;
  starts = 0;
  kills = 0;

  private readonly options: WorkerProcessOptions;

  constructor(options: WorkerProcessOptions) {
    this.options = options;
  }

  get running(): boolean {
    return isAlive(this.child);
  }

  /** Starts the worker and resolves once it printed its ready line. */
  async start(): Promise<void> {
    if (this.running) throw new Error('the worker is already running');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts', ...this.options.args], {
      cwd: serverDir,
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: this.options.databaseUrl,
        PERCH_SECRET_KEY: this.options.secretKey,
        DB_POOL_SIZE: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const timeoutMs = this.options.readyTimeoutMs ?? 60_000;
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the worker was not ready after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const onLines = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          if (!ready && line.startsWith('perch-worker ready')) {
            ready = true;
            clearTimeout(timer);
            resolve();
          } else this.options.onOutput?.(line);
        }
      };
      child.stdout?.on('data', onLines);
      child.stderr?.on('data', onLines);
      child.once('exit', (code, signal) => {
        if (ready) return;
        clearTimeout(timer);
        reject(new Error(`the worker exited before it was ready (code ${code}, signal ${signal})`));
      });
    });
  }

  /** `kill -9`: no shutdown at all, the jobs in hand and the claimed replies are left as they are. */
  async kill(): Promise<void> {
    if (!isAlive(this.child)) return;
    await killNow(this.child);
    this.kills += 1;
  }

  /** SIGTERM (graceful), SIGKILL if it does not go within 15 s. */
  async stop(): Promise<void> {
    if (isAlive(this.child)) await stopGracefully(this.child);
  }
}
