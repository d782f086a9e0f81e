import type { InboxView } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useShortcuts, type Shortcut } from '@/lib/shortcuts.tsx';

export interface InboxKeyActions {
  move: (delta: 1 | -1) => void;
  openFocused: () => void;
  toggleFocused: () => void;
  claimFocused: () => void;
  goView: (view: InboxView) => void;
  focusSearch: () => void;
  showHelp: () => void;
  closePane: () => void;
}

const VIEW_KEYS: [string, InboxView][] = [
  ['i', 'all_open'],
  ['m', 'mine'],
  ['u', 'unassigned'],
  ['n', 'new'],
  ['p', 'pending'],
  ['s', 'snoozed'],
  ['r', 'resolved'],
];

/**
 * The inbox's keys (group "Inbox"). `a` (claim the focused row) is only registered while no conversation is
 * open: then the pane's own `a` applies to the open one.
 */
export function useInboxShortcuts(actions: InboxKeyActions, paneOpen: boolean) {
  const { t } = useTranslation();
  const group = t('shortcuts.groups.inbox');
  const list: Shortcut[] = [
    { keys: 'j', group, description: t('shortcuts.next'), run: () => actions.move(1) },
    { keys: 'k', group, description: t('shortcuts.previous'), run: () => actions.move(-1) },
    { keys: 'Enter', group, description: t('shortcuts.open'), run: (event) => openUnlessControl(event, actions) },
    { keys: 'x', group, description: t('shortcuts.select'), run: () => actions.toggleFocused() },
    ...VIEW_KEYS.map(([key, view]) => ({
      keys: `g ${key}`,
      group,
      description: t('shortcuts.goTo', { view: t(`inbox.views.${view}`) }),
      run: () => actions.goView(view),
    })),
    { keys: '/', group, description: t('shortcuts.search'), run: () => actions.focusSearch() },
    { keys: '?', group, description: t('shortcuts.help'), run: () => actions.showHelp() },
  ];
  if (!paneOpen) {
    list.push({ keys: 'a', group, description: t('shortcuts.claim'), run: () => actions.claimFocused() });
  } else {
    list.push({ keys: 'Escape', group, description: t('shortcuts.closePane'), run: () => actions.closePane() });
  }
  useShortcuts(list);
}

/** Enter on a button, link or checkbox keeps its own meaning. */
function openUnlessControl(event: KeyboardEvent, actions: InboxKeyActions) {
  const target = event.target;
  if (target instanceof HTMLElement && target.closest('button, a, input, select, [role="dialog"]')) {
    if (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement) target.click();
    return;
  }
  actions.openFocused();
}
