import { useEffect, useRef } from 'react';
import { useTRPCClient } from '@/lib/trpc.ts';

export const HEARTBEAT_MS = 10_000;
/** "Typing" means the note composer has focus and changed in the last 5 s. */
export const TYPING_WINDOW_MS = 5_000;

export interface TypingSignal {
  focused: boolean;
  lastChangeAt: number;
}

/**
 * While the pane is open, tells the server every 10 s that the agent is viewing (or typing in) the conversation;
 * typing that starts is told at once so colleagues see it without waiting for the next beat. Stops on unmount.
 */
export function usePresenceHeartbeat(organizationId: string, conversationId: string) {
  const client = useTRPCClient();
  const typing = useRef<TypingSignal>({ focused: false, lastChangeAt: 0 });
  const lastSentTyping = useRef(false);

  const send = useRef<() => void>(() => {});
  useEffect(() => {
    send.current = () => {
      const state = typing.current;
      const isTyping = state.focused && Date.now() - state.lastChangeAt < TYPING_WINDOW_MS;
      lastSentTyping.current = isTyping;
      // A missed beat costs nothing: the next one (or the 30 s expiry) settles it.
      client.conversations.presence.mutate({ organizationId, conversationId, typing: isTyping }).catch(() => {});
    };
  });

  useEffect(() => {
    send.current();
    const timer = setInterval(() => send.current(), HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [organizationId, conversationId]);

  return {
    /** The composer reports focus and edits. */
    onComposerActivity: (focused: boolean, changed: boolean) => {
      typing.current = { focused, lastChangeAt: changed ? Date.now() : typing.current.lastChangeAt };
      const isTyping = focused && Date.now() - typing.current.lastChangeAt < TYPING_WINDOW_MS;
      if (isTyping !== lastSentTyping.current) send.current();
    },
  };
}
