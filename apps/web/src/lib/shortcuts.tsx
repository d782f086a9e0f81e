import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

/**
 * Keyboard shortcuts for a whole shift without the mouse. One document listener dispatches to the shortcuts
 * registered by the mounted components; `?` lists them (useShortcutList). Keys: a single key ('j', 'e', '/', '?')
 * or a two-key sequence ('g i'). Typing in a field never triggers a shortcut (Escape excepted).
 */
export interface Shortcut {
  /** 'j', 'shift+a', 'g i', '?', '/', 'Enter', 'Escape'. */
  keys: string;
  /** Shown in the help dialog (already translated). */
  description: string;
  /** Help dialog section (already translated), e.g. "Inbox", "Conversation". */
  group: string;
  run: (event: KeyboardEvent) => void;
}

interface Registry {
  add: (id: number, shortcuts: readonly Shortcut[]) => void;
  remove: (id: number) => void;
  list: () => Shortcut[];
  subscribe: (listener: () => void) => () => void;
}

const ShortcutsContext = createContext<Registry | null>(null);
const SEQUENCE_TIMEOUT_MS = 1200;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** The key of an event as written in `Shortcut.keys` ('shift+' only for letters, where it changes the key). */
export function keyName(event: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return event.shiftKey && /^[a-z]$/.test(key) ? `shift+${key}` : key;
}

function createRegistry(): Registry {
  const entries = new Map<number, readonly Shortcut[]>();
  const listeners = new Set<() => void>();
  // A stable snapshot between changes (useSyncExternalStore compares by reference).
  let snapshot: Shortcut[] = [];
  const notify = () => {
    snapshot = [...entries.values()].flat();
    listeners.forEach((l) => l());
  };
  return {
    add(id, shortcuts) {
      entries.set(id, shortcuts);
      notify();
    },
    remove(id) {
      entries.delete(id);
      notify();
    },
    // The latest registration wins when two components bind the same keys (a dialog over the inbox).
    list: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(createRegistry);

  useEffect(() => {
    let pending: { key: string; at: number } | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== 'Escape' && isTyping(event.target)) return;
      const key = keyName(event);
      const all = registry.list();
      const now = Date.now();
      const prefix = pending && now - pending.at < SEQUENCE_TIMEOUT_MS ? pending.key : null;
      pending = null;
      const find = (keys: string) => all.findLast((s) => s.keys === keys);
      const match = (prefix ? find(`${prefix} ${key}`) : undefined) ?? find(key);
      if (match) {
        event.preventDefault();
        match.run(event);
        return;
      }
      if (all.some((s) => s.keys.startsWith(`${key} `))) {
        pending = { key, at: now };
        event.preventDefault();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [registry]);

  return <ShortcutsContext.Provider value={registry}>{children}</ShortcutsContext.Provider>;
}

let nextId = 1;

/**
 * Registers `shortcuts` while the component is mounted (and `enabled`). The latest `run` functions are used
 * without re-registering, so inline closures are fine.
 */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const registry = useContext(ShortcutsContext);
  const latest = useRef(shortcuts);
  useLayoutEffect(() => {
    latest.current = shortcuts;
  });
  const signature = shortcuts.map((s) => `${s.keys}|${s.description}|${s.group}`).join('\n');
  useEffect(() => {
    if (!registry || !enabled) return;
    const id = nextId++;
    const bound = latest.current.map((s, i) => ({
      ...s,
      run: (event: KeyboardEvent) => latest.current[i]?.run(event),
    }));
    registry.add(id, bound);
    return () => registry.remove(id);
  }, [registry, enabled, signature]);
}

/** Every shortcut currently registered, for the `?` help dialog (re-renders when they change). */
const NO_SHORTCUTS: Shortcut[] = [];
const noSubscription = () => () => {};

export function useShortcutList(): Shortcut[] {
  const registry = useContext(ShortcutsContext);
  return useSyncExternalStore(registry ? registry.subscribe : noSubscription, () => registry?.list() ?? NO_SHORTCUTS);
}
