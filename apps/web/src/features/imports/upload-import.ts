import { IMPORT_CONTENT_TYPES, importUploadReport, type ImportFormat, type ImportUploadReport } from '@perch/shared';
import { CSRF_HEADER } from '@/lib/trpc.ts';

export interface UploadProgress {
  /** Bytes sent so far; the server parses and stores rows as they arrive, so this is also the import's progress. */
  loaded: number;
  total: number;
}

/** A refused or failed upload: the HTTP status (0: no answer) and the server's `perchCode` when it sent one. */
export class ImportUploadError extends Error {
  constructor(
    readonly status: number,
    readonly perchCode: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ImportUploadError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

interface UploadInput {
  organizationId: string;
  channelId: string;
  format: ImportFormat;
  file: Blob;
  onProgress: (progress: UploadProgress) => void;
  signal: AbortSignal;
}

/**
 * Sends a history file to `POST /api/organizations/:id/imports` as the raw body. XMLHttpRequest, not fetch: only it
 * reports upload progress. Same CSRF header and same-origin cookie as the tRPC client. Rejects with an
 * ImportUploadError, or an AbortError when `signal` aborts.
 */
export function uploadImport({
  organizationId,
  channelId,
  format,
  file,
  onProgress,
  signal,
}: UploadInput): Promise<ImportUploadReport> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new DOMException('Upload cancelled', 'AbortError');
    if (signal.aborted) return reject(cancelled());
    const xhr = new XMLHttpRequest();
    // Settles once: the abort below rejects at once, whatever events the request fires afterwards.
    const finish = (outcome: () => void) => {
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      finish(() => reject(cancelled()));
      xhr.abort();
    };
    signal.addEventListener('abort', onAbort, { once: true });

    const query = new URLSearchParams({ channelId, format });
    const path = `/api/organizations/${encodeURIComponent(organizationId)}/imports?${query}`;
    xhr.open('POST', `${window.location.origin}${path}`);
    for (const [name, value] of Object.entries(CSRF_HEADER)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', IMPORT_CONTENT_TYPES[format]);
    xhr.upload.onprogress = (event) =>
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () =>
      finish(() => {
        const body = parseJson(xhr.responseText);
        if (xhr.status === 200) {
          const report = importUploadReport.safeParse(body);
          if (report.success) return resolve(report.data);
          return reject(new ImportUploadError(xhr.status, null, 'unexpected answer from the server'));
        }
        const error = errorOf(body);
        reject(new ImportUploadError(xhr.status, error.perchCode, error.message ?? `HTTP ${xhr.status}`));
      });
    xhr.onerror = () => finish(() => reject(new ImportUploadError(0, null, 'network error')));
    xhr.send(file);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function errorOf(body: unknown): { perchCode: string | null; message: string | null } {
  const error = (body as { error?: { perchCode?: unknown; message?: unknown } } | null)?.error;
  return {
    perchCode: typeof error?.perchCode === 'string' ? error.perchCode : null,
    message: typeof error?.message === 'string' ? error.message : null,
  };
}
