/**
 * Polls `check` every 100 ms until it holds, for work that a real worker does asynchronously (a queue job, a clock
 * loop); fails with a clear error after `timeoutMs`.
 */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}
