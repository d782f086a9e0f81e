import type { ChildProcess } from 'node:child_process';
import { startServer } from '../bench/server-process.ts';
import { isAlive, killNow, stopGracefully } from './child-process.ts';

/**
 * A web-only Perch server (`src/main.ts` with `PERCH_WORKERS=false`, as deployed beside worker processes) on a
 * fixed port, started and killed on demand. It is `node src/main.ts` itself (no wrapper), so a SIGKILL reaches
 * the process that holds the connections and the open transactions, and nothing else.
 */
export class WebProcess {
  private child: ChildProcess | null = null;
  private output: string[] = [];
  private exit = '';
  starts = 0;
  kills = 0;
  /** Seconds from spawn to a ready /readyz, per start. */
  readonly startSeconds: number[] = [];

  private readonly options: { port: number; databaseUrl: string; secretKey: string };

  constructor(options: { port: number; databaseUrl: string; secretKey: string }) {
    this.options = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get running(): boolean {
    return isAlive(this.child);
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the web server is already running');
    const started = Date.now();
    const server = await startServer({
      port: this.options.port,
      databaseUrl: this.options.databaseUrl,
      echo: false,
      readyTimeoutMs: 60_000,
      env: { PERCH_WORKERS: 'false', PERCH_SECRET_KEY: this.options.secretKey, DB_POOL_SIZE: '6' },
    });
    this.child = server.child;
    this.output = [];
    // The last lines it printed and how it ended, to tell why when it exits on its own.
    for (const stream of [server.child.stdout, server.child.stderr])
      stream?.on('data', (chunk: Buffer | string) => {
        this.output.push(
          ...String(chunk)
            .split('\n')
            .filter(Boolean)
            .map((l) => l.slice(0, 300)),
        );
        this.output.splice(0, Math.max(0, this.output.length - 5));
      });
    server.child.once('exit', (code, signal) => (this.exit = `code ${code}, signal ${signal}`));
    this.starts += 1;
    this.startSeconds.push((Date.now() - started) / 1000);
  }

  lastExit(): string {
    return `${this.exit}; last output: ${this.output.join(' | ') || '(none)'}`;
  }

  /** `kill -9`: requests in flight get a reset connection, open transactions are rolled back by PostgreSQL. */
  async kill(): Promise<void> {
    if (!isAlive(this.child)) return;
    await killNow(this.child);
    this.kills += 1;
  }

  async stop(): Promise<void> {
    if (isAlive(this.child)) await stopGracefully(this.child);
  }
}
