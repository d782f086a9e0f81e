import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CopyField } from '@/components/copy-field.tsx';
import { ResultCallout } from '@/components/result-callout.tsx';

interface OneTimeSecretProps {
  title: string;
  secret: string;
  /** What the secret is for (and, after a rotation, until when the previous one works). */
  children?: ReactNode;
  onDismiss: () => void;
}

/** A signing secret the server returns once: shown here to copy, never again afterwards. */
export function OneTimeSecret({ title, secret, children, onDismiss }: OneTimeSecretProps) {
  const { t } = useTranslation();
  return (
    <ResultCallout
      title={title}
      onDismiss={onDismiss}
      dismissLabel={t('channels.secretCopied')}
      className="callout-secret"
    >
      <p className="secret-warning">
        <strong>{t('channels.secretOnce')}</strong>
      </p>
      {children}
      <CopyField label={t('channels.signingSecret')} value={secret} testId="channel-signing-secret" />
    </ResultCallout>
  );
}
