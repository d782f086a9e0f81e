import { useTranslation } from '@/lib/use-translation.tsx';
import type { UploadState } from '../use-import-upload.ts';
import { ImportReportView } from './import-report.tsx';
import { UploadProgressBar } from './upload-progress.tsx';
import { UploadError } from './upload-error.tsx';

/** What the last upload is doing or did: progress with a cancel button, then the report, an error, or a cancel note. */
export function ImportOutcome({ state, onCancel }: { state: UploadState; onCancel: () => void }) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'idle':
      return null;
    case 'uploading':
      return <UploadProgressBar fileName={state.fileName} progress={state.progress} onCancel={onCancel} />;
    case 'done':
      return <ImportReportView fileName={state.fileName} report={state.report} />;
    case 'cancelled':
      return (
        <p className="alert" role="status">
          {t('imports.cancelled')}
        </p>
      );
    case 'failed':
      return <UploadError error={state.error} />;
  }
}
