import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

interface ItemCardProps {
  /** "Condition 1 · Channel": names the group, and the buttons through it. */
  title: string;
  children: ReactNode;
  problem: string | undefined;
  onRemove: () => void;
  /** Actions run in order: they can move; conditions cannot (all must hold). */
  onMoveUp?: (() => void) | undefined;
  onMoveDown?: (() => void) | undefined;
}

/** One condition or action of the form: its inputs, what is wrong with it, and its buttons. */
export function ItemCard({ title, children, problem, onRemove, onMoveUp, onMoveDown }: ItemCardProps) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset
      className="fieldset automation-item"
      aria-describedby={problem ? errorId : undefined}
      aria-invalid={Boolean(problem)}
    >
      <legend>{title}</legend>
      {children}
      {problem ? (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      ) : null}
      <div className="form-actions">
        {onMoveUp || onMoveDown ? (
          <>
            <button
              type="button"
              className="button button-small"
              disabled={!onMoveUp}
              aria-label={t('automation.form.moveUpOf', { item: title })}
              onClick={onMoveUp}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!onMoveDown}
              aria-label={t('automation.form.moveDownOf', { item: title })}
              onClick={onMoveDown}
            >
              ↓
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button-small button-danger-outline"
          aria-label={t('automation.form.removeOf', { item: title })}
          onClick={onRemove}
        >
          {t('automation.form.remove')}
        </button>
      </div>
    </fieldset>
  );
}

interface AddItemProps<T extends string> {
  label: string;
  buttonLabel: string;
  types: readonly T[];
  labelOf: (type: T) => string;
  disabled: boolean;
  onAdd: (type: T) => void;
}

/** "Add a condition: [type ▾] [Add]": a select of the types and a button (keyboard friendly, no menu to learn). */
export function AddItem<T extends string>({ label, buttonLabel, types, labelOf, disabled, onAdd }: AddItemProps<T>) {
  const id = useId();
  const [type, setType] = useState<T>(types[0]!);
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} value={type} disabled={disabled} onChange={(e) => setType(e.target.value as T)}>
          {types.map((option) => (
            <option key={option} value={option}>
              {labelOf(option)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button" disabled={disabled} onClick={() => onAdd(type)}>
        {buttonLabel}
      </button>
    </div>
  );
}

/** `list` with the item at `index` moved by one place (unchanged at the ends). */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const target = index + by;
  if (target < 0 || target >= next.length) return next;
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
