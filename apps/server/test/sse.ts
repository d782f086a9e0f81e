/**
 * A browser-like client of Perch over real HTTP: signs in (session cookie) and reads the `live.events` tRPC
 * subscription as server-sent events. For tests that run Perch as separate processes.
 */
export async function signInOver(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-perch-csrf': '1' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`sign-in failed (${res.status}) ${await res.text()}`);
  return cookie;
}

export interface LiveStream {
  /** Resolves with the first event of `type` (optionally about `conversationId`) seen after the call. */
  next(type: string, conversationId?: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens the live stream and resolves once the server said 'ready' (subscribed). */
export async function openLiveStream(baseUrl: string, cookie: string, input: object): Promise<LiveStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/trpc/live.events?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`subscription refused (${res.status})`);
  const waiters = new Set<{ type: string; conversationId?: string; resolve: (e: Record<string, unknown>) => void }>();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const onEvent = (event: Record<string, unknown>) => {
    if (event.type === 'ready') ready();
    for (const w of waiters) {
      if (w.type === event.type && (!w.conversationId || w.conversationId === event.conversationId)) {
        waiters.delete(w);
        w.resolve(event);
      }
    }
  };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of message.split('\n')) {
            if (!line.startsWith('data:')) continue;
            try {
              const data: unknown = JSON.parse(line.slice(5));
              if (data && typeof data === 'object') onEvent(data as Record<string, unknown>);
            } catch {
              // not JSON (keep-alive comments)
            }
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await isReady;
  return {
    next(type, conversationId, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const waiter = { type, conversationId, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no ${type} event within ${timeoutMs} ms`));
        }, timeoutMs).unref();
      });
    },
    close: () => controller.abort(),
  };
}
