import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { runDueReports } from './reports.service.ts';
import type { SmtpSettings } from './smtp-settings.ts';

/**
 * The scheduled-reports loop: every `intervalMs` (default one minute), sends the reports that are due. Runs are
 * claimed in the database, so every worker process may run it. Without SMTP configured it does nothing.
 */
export function startReportsWorker(
  deps: { db: Db; smtp?: SmtpSettings | null },
  logger: Logger,
  opts: { intervalMs?: number } = {},
): { stop(): Promise<void> } {
  const intervalMs = opts.intervalMs ?? 60_000;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    running = runDueReports(deps, logger)
      .catch((error: unknown) => logger.error({ err: error }, 'reports worker tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
