import type { MacroItem } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Picker } from './picker.tsx';

interface MacroMenuProps {
  /** undefined while loading. */
  macros: readonly MacroItem[] | undefined;
  open: boolean;
  setOpen: (open: boolean) => void;
  disabled: boolean;
  apply: (macroId: string) => void;
}

/**
 * "Macros": the macros usable on this conversation's brand, numbered. `m` opens it from the keyboard; a digit
 * applies the n-th at once, Enter the highlighted one.
 */
export function MacroMenu({ macros, open, setOpen, disabled, apply }: MacroMenuProps) {
  const { t } = useTranslation();
  const label = t('conversation.macros.label');
  return (
    <div className="picker-anchor">
      <button
        type="button"
        className="button button-small picker-trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts="m"
        data-picker-trigger="macros"
        onClick={() => setOpen(!open)}
      >
        {t('conversation.header.macros')}
      </button>
      {open ? (
        <Picker
          label={label}
          numbered
          placeholder={t('conversation.macros.hint')}
          disabled={disabled}
          emptyLabel={macros ? t('conversation.macros.empty') : t('conversation.macros.loading')}
          options={(macros ?? []).map((macro) => ({ id: macro.id, label: macro.name }))}
          onSelect={apply}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}
