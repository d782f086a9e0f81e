import type { measureReply } from '@perch/shared/reply-text';
import { useEffect, useState } from 'react';

export type ReplyCounter = typeof measureReply;

let loading: Promise<ReplyCounter> | null = null;

/** twitter-text is loaded on demand, once: it must stay out of the first load (P8). */
export function loadReplyCounter(): Promise<ReplyCounter> {
  loading ??= import('@perch/shared/reply-text').then((module) => module.measureReply);
  return loading;
}

/** The reply length rule (`measureReply`), or null while it loads. */
export function useReplyCounter(): ReplyCounter | null {
  const [counter, setCounter] = useState<ReplyCounter | null>(null);
  useEffect(() => {
    let mounted = true;
    void loadReplyCounter().then((count) => {
      if (mounted) setCounter(() => count);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return counter;
}
