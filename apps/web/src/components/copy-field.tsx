import { useId, useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

/** A read-only value with a Copy button (clipboard API, else the text is selected for Ctrl+C). */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      inputRef.current?.select();
      setState('select');
    }
  };

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input
          ref={inputRef}
          id={id}
          type="text"
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('common.copy')}
        </button>
      </div>
      <p className="field-hint" role="status">
        {state === 'copied' ? t('common.copied') : state === 'select' ? t('common.copyManually') : ''}
      </p>
    </div>
  );
}
