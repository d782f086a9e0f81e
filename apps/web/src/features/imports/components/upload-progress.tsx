import { useId } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { formatBytes } from '../import-format.ts';
import type { UploadProgress } from '../upload-import.ts';

/**
 * The upload's progress: a native <progress> (its value is announced by screen readers on demand) with the
 * percentage and bytes as text; only the phase changes (sending → storing the last rows) are announced live.
 */
export function UploadProgressBar({
  fileName,
  progress,
  onCancel,
}: {
  fileName: string;
  progress: UploadProgress;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { loaded, total } = progress;
  const share = total > 0 ? Math.min(1, loaded / total) : 0;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(share);
  const sent = total > 0 && loaded >= total;
  const detail = t('imports.progressText', {
    percent,
    loaded: formatBytes(loaded, i18n.language),
    total: formatBytes(total, i18n.language),
  });
  return (
    <div className="stack" data-testid="import-progress">
      <p role="status" aria-live="polite">
        {sent ? t('imports.finishing') : t('imports.uploading', { file: fileName })}
      </p>
      <progress
        id={id}
        max={total || 1}
        value={loaded}
        aria-label={t('imports.progressLabel')}
        aria-valuetext={detail}
      />
      <p className="muted">
        <output htmlFor={id}>{detail}</output>
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('imports.cancel')}
        </button>
      </div>
    </div>
  );
}
