import type { ChildProcess } from 'node:child_process';

/** Whether a spawned child is still alive (neither exited nor killed by a signal). */
export const isAlive = (child: ChildProcess | null): child is ChildProcess =>
  child !== null && child.exitCode === null && child.signalCode === null;

/** `kill -9` and wait for the exit: no shutdown at all, what the process held is left as it was. */
export async function killNow(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** SIGTERM (graceful), then SIGKILL if it has not gone after `graceMs`; waits for the exit. */
export async function stopGracefully(child: ChildProcess, graceMs = 15_000): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(force);
}
