/** A fresh idempotency key for one billing action: a double click or a retry sends the same key, never two changes. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
