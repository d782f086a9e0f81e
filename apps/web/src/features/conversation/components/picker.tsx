import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

export interface PickerOption {
  id: string;
  label: string;
  /** Shown after the label (availability, a time…). */
  hint?: string;
  /** Checked (multi-select) or current (single). */
  selected?: boolean;
}

interface PickerProps {
  label: string;
  options: readonly PickerOption[];
  onSelect: (id: string) => void;
  onClose: () => void;
  /** Multi-select pickers stay open after a choice. */
  multiple?: boolean;
  disabled?: boolean;
  /** Digits 1–9 choose the n-th shown option at once (shown before each label). */
  numbered?: boolean;
  /** Said when there is no option at all (instead of "Nothing matches"). */
  emptyLabel?: string;
  /** Shown in the empty filter box (how to use the picker). */
  placeholder?: string;
}

/**
 * A keyboard-first list picker: type to filter, arrows to move, Enter to choose, Escape to close (the caller
 * returns focus to its trigger). The filter box keeps focus; the active option is announced through
 * aria-activedescendant. Numbered pickers take digits as choices, not as filter text.
 */
export function Picker(props: PickerProps) {
  const { label, options, onSelect, onClose, multiple = false, disabled = false, numbered = false } = props;
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const needle = query.trim().toLocaleLowerCase();
  const shown = needle ? options.filter((o) => o.label.toLocaleLowerCase().includes(needle)) : options;
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  useEffect(() => {
    const outside = (event: MouseEvent) => {
      const target = event.target;
      if (!(target instanceof Element) || !root.current || root.current.contains(target)) return;
      // Its own trigger toggles it: closing here would reopen it on the click.
      if (target.closest('[data-picker-trigger]')) return;
      onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);

  const choose = (option: PickerOption | undefined) => {
    if (!option || disabled) return;
    onSelect(option.id);
    if (!multiple) onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(shown[current]);
    } else if (numbered && /^[1-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      choose(shown[Number(event.key) - 1]);
    } else if (event.key === 'Escape') {
      // Handled here: the pane's Escape (close the pane) must not fire too.
      event.preventDefault();
      onClose();
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="picker" role="dialog" aria-label={label} ref={root}>
      <input
        className="picker-filter"
        role="combobox"
        aria-label={t('conversation.picker.filter', { label })}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        autoFocus
        placeholder={props.placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="picker-options" role="listbox" id={listId} aria-label={label} aria-multiselectable={multiple}>
        {shown.map((option, i) => (
          <li
            key={option.id}
            id={optionId(i)}
            role="option"
            aria-selected={option.selected ?? false}
            aria-disabled={disabled}
            className={i === current ? 'picker-option picker-option-active' : 'picker-option'}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(option)}
          >
            <span className="picker-check" aria-hidden="true">
              {option.selected ? '✓' : numbered && i < 9 ? i + 1 : ''}
            </span>
            <span>{option.label}</span>
            {option.hint ? <span className="subtle"> · {option.hint}</span> : null}
          </li>
        ))}
        {shown.length === 0 ? (
          <li className="muted">
            {options.length === 0 && props.emptyLabel ? props.emptyLabel : t('conversation.picker.noMatch')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
