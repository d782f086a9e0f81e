import { IMPORT_MAX_BYTES } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { formatBytes } from '../import-format.ts';
import { ImportUploadError } from '../upload-import.ts';

const BY_CODE = {
  UNAUTHENTICATED: 'errors.UNAUTHENTICATED',
  FORBIDDEN: 'errors.FORBIDDEN',
  CSRF: 'errors.CSRF',
} as const;

/** A refused or failed upload, in words the user can act on. */
export function UploadError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const message = (): string => {
    if (!(error instanceof ImportUploadError)) return t('errors.INTERNAL');
    if (error.status === 0) return t('errors.NETWORK');
    if (error.status === 413) {
      return t('imports.validation.tooLarge', { size: formatBytes(IMPORT_MAX_BYTES, i18n.language) });
    }
    if (error.status === 409) return t('imports.errors.busy');
    if (error.status === 404) return t('imports.errors.channelGone');
    const code = error.perchCode;
    if (code && Object.hasOwn(BY_CODE, code)) return t(BY_CODE[code as keyof typeof BY_CODE]);
    // A 4xx about the file or the request: the server's reason (English, precise) inside a translated sentence.
    if (code === 'VALIDATION') return t('imports.errors.refused', { reason: error.message });
    return t('errors.INTERNAL');
  };
  return (
    <p className="alert alert-error" role="alert">
      {message()}
    </p>
  );
}
