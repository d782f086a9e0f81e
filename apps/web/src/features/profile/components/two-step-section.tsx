import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useHash } from '@/lib/location.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { TwoStepEnrol } from './two-step-enrol.tsx';
import { DisableTwoStep, RegenerateRecoveryCodes } from './two-step-manage.tsx';
import '../two-step.css';

/** Fewer recovery codes than this left: the section suggests making new ones. */
const FEW_CODES = 3;

/** Profile → Two-step sign-in (S15): its status, setting it up, recovery codes, turning it off. */
export function TwoStepSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDate = useFormatDate();
  const status = useQuery(trpc.totp.status.queryOptions());
  // Recovery codes just made: shown once, until the user says they saved them.
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  // Arriving from "set up two-step sign-in" (/profile#two-step): bring the section into view.
  const hash = useHash();
  const loaded = status.isSuccess;
  useEffect(() => {
    if (loaded && hash === '#two-step') document.getElementById('two-step')?.scrollIntoView?.();
  }, [loaded, hash]);

  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorMessage error={status.error} />;
  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          setNotice(null);
          heading.current?.focus();
        }}
      />
    );
  }
  const { enabled, enabledAt, recoveryCodesLeft } = status.data;
  return (
    <div className="stack">
      <p className="muted">{t('twoStep.help')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      {enabled ? (
        <>
          <p data-testid="two-step-status" ref={heading} tabIndex={-1}>
            {enabledAt
              ? t('twoStep.statusOn', { date: formatDate(enabledAt, { style: 'date' }) })
              : t('twoStep.enabled')}{' '}
            {t('twoStep.codesLeft', { count: recoveryCodesLeft })}
          </p>
          {recoveryCodesLeft <= FEW_CODES ? <p className="alert alert-warning">{t('twoStep.codesLow')}</p> : null}
          <RegenerateRecoveryCodes onCodes={setCodes} />
          <DisableTwoStep onDisabled={() => setNotice(t('twoStep.disabled'))} />
        </>
      ) : (
        <>
          <p data-testid="two-step-status">{t('twoStep.statusOff')}</p>
          <TwoStepEnrol onEnabled={setCodes} />
        </>
      )}
    </div>
  );
}
