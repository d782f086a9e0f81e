import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

/**
 * Recovery codes, shown once (after enrolling or making new ones): a warning, the list, a copy button and a text
 * file to download. "I have saved my codes" closes it; they are never shown again.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const text = `${t('twoStep.codesFileTitle')}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="stack two-step-codes" data-testid="recovery-codes">
      <h3>{t('twoStep.codesTitle')}</h3>
      <p className="alert alert-warning" role="alert">
        {t('twoStep.codesWarning')}
      </p>
      <ul className="two-step-code-list" aria-label={t('twoStep.codesList')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('twoStep.copyCodes')}
        </button>
        <a
          className="button"
          download="perch-recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
        >
          {t('twoStep.downloadCodes')}
        </a>
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('twoStep.codesSaved')}
        </button>
      </div>
      <p className="field-hint" role="status">
        {copied === 'copied' ? t('common.copied') : ''}
      </p>
    </div>
  );
}
