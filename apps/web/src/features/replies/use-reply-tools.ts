import { useEffect, useState } from 'react';
import type * as ReplyToolsModule from './reply-tools.ts';

export type ReplyTools = typeof ReplyToolsModule;

let loading: Promise<ReplyTools> | null = null;

/** One load per page; a failed load (offline) may be tried again by the next component that asks. */
export function loadReplyTools(): Promise<ReplyTools> {
  loading ??= import('./reply-tools.ts').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

let loaded: ReplyTools | null = null;

/** The counting and canned-reply helpers, or null until their chunk has loaded (then no figure is shown). */
export function useReplyTools(): ReplyTools | null {
  const [tools, setTools] = useState<ReplyTools | null>(loaded);
  useEffect(() => {
    if (tools) return;
    let live = true;
    loadReplyTools()
      .then((module) => {
        loaded = module;
        if (live) setTools(module);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [tools]);
  return tools;
}
