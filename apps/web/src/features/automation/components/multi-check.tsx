import type { ReactNode } from 'react';

interface MultiCheckProps<V extends string | number> {
  legend: string;
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  hint?: ReactNode;
}

/** A set of checkboxes in a fieldset (its legend names the group for screen readers); keeps the options' order. */
export function MultiCheck<V extends string | number>({
  legend,
  options,
  selected,
  onChange,
  hint,
}: MultiCheckProps<V>) {
  const toggle = (value: V, on: boolean) =>
    onChange(options.map((o) => o.value).filter((v) => (v === value ? on : selected.includes(v))));
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="checkbox-list">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(e) => toggle(option.value, e.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
