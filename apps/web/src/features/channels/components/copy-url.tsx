import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

/** A URL in a table cell, in monospace, with a compact Copy button (its accessible name says which URL). */
export function CopyUrl({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (insecure context, permission): the URL stays selectable text.
      setCopied(false);
    }
  };
  return (
    <div className="copy-url">
      <code className="mono">{url}</code>
      <button type="button" className="button button-small" aria-label={label} onClick={() => void copy()}>
        {t('common.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  );
}
