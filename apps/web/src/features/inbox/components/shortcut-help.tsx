import { useTranslation } from '@/lib/use-translation.tsx';
import { useShortcutList, type Shortcut } from '@/lib/shortcuts.tsx';
import { InboxDialog } from './inbox-dialog.tsx';

/** `?`: every shortcut currently registered, by group (the inbox's, the open conversation's, …). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const shortcuts = useShortcutList();
  const groups = new Map<string, Shortcut[]>();
  for (const shortcut of shortcuts) {
    const list = groups.get(shortcut.group) ?? [];
    // The latest registration of a key wins: show it once.
    const at = list.findIndex((s) => s.keys === shortcut.keys);
    if (at >= 0) list.splice(at, 1);
    list.push(shortcut);
    groups.set(shortcut.group, list);
  }
  return (
    <InboxDialog title={t('shortcuts.title')} onClose={onClose}>
      {[...groups].map(([group, list]) => (
        <section key={group} aria-label={group}>
          <h3>{group}</h3>
          <dl className="shortcut-list">
            {list.map((s) => (
              <div key={s.keys} className="shortcut-item">
                <dt>
                  {s.keys.split(' ').map((k, i) => (
                    <kbd key={i}>{k}</kbd>
                  ))}
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </InboxDialog>
  );
}
