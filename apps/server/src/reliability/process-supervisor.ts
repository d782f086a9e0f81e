/** A process the chaos run starts, kills and restarts (the web server, the worker). */
export interface Restartable {
  readonly running: boolean;
  start(): Promise<void>;
  /** How the last run ended (exit code or signal, its last output), for an unplanned exit. */
  lastExit?(): string;
}

/**
 * Keeps the processes of a chaos run up: a planned fault holds its process while it kills and restarts it; any
 * other exit (a process that crashed on its own, say while PostgreSQL restarted) is noticed within 250 ms,
 * counted as unplanned, and the process is started again. A start that fails (the database is still down) is
 * tried again every second, for two minutes at most.
 */
export class ProcessSupervisor {
  readonly unplannedExits: Record<string, number> = {};
  /** A process is held by one fault (or restart) at a time: the next one waits for it. */
  private readonly held = new Map<Restartable, Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private readonly processes: Record<string, Restartable>;
  private readonly progress: (line: string) => void;

  constructor(processes: Record<string, Restartable>, progress: (line: string) => void) {
    this.processes = processes;
    this.progress = progress;
    for (const name of Object.keys(processes)) this.unplannedExits[name] = 0;
    this.timer = setInterval(() => this.watch(), 250);
  }

  /** Runs `fn` (a kill and a restart) with the watchdog off for this process. */
  async hold<T>(process: Restartable, fn: () => Promise<T>): Promise<T> {
    while (this.held.has(process)) await this.held.get(process);
    let release = () => {};
    this.held.set(process, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await fn();
    } finally {
      this.held.delete(process);
      release();
    }
  }

  /** Resolves once every process runs (after the last fault: the drain is measured with everything up). */
  async allUp(timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Object.values(this.processes).some((p) => !p.running || this.held.has(p))) {
      if (Date.now() > until) throw new Error('a process did not come back within 2 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private watch(): void {
    for (const [name, process] of Object.entries(this.processes)) {
      if (process.running || this.held.has(process)) continue;
      this.unplannedExits[name] = (this.unplannedExits[name] ?? 0) + 1;
      this.progress(`${name} exited on its own (${process.lastExit?.() ?? 'no details'}): starting it again`);
      void this.hold(process, () => startUntilUp(process, name, this.progress)).catch((error: unknown) =>
        this.progress(`${name} could not be started again: ${String(error)}`),
      );
    }
  }
}

export async function startUntilUp(
  process: Restartable,
  name: string,
  progress: (line: string) => void,
  timeoutMs = 120_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await process.start();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      progress(`${name} did not start (${String(error).split('\n')[0]!.slice(0, 200)}); trying again`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
