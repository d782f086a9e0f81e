import type { ImportFormat, ImportUploadReport } from '@perch/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/lib/trpc.ts';
import { isAbort, uploadImport, type UploadProgress } from './upload-import.ts';

export type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; fileName: string; progress: UploadProgress }
  | { status: 'done'; fileName: string; report: ImportUploadReport }
  | { status: 'cancelled'; fileName: string }
  | { status: 'failed'; fileName: string; error: unknown };

/** One upload at a time: start, follow its progress, cancel it; leaving the page cancels it too. */
export function useImportUpload(organizationId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = async (input: { channelId: string; format: ImportFormat; file: File }) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const fileName = input.file.name;
    setState({ status: 'uploading', fileName, progress: { loaded: 0, total: input.file.size } });
    try {
      const report = await uploadImport({
        organizationId,
        ...input,
        signal: abort.signal,
        onProgress: (progress) => {
          if (!abort.signal.aborted) setState({ status: 'uploading', fileName, progress });
        },
      });
      setState({ status: 'done', fileName, report });
    } catch (error) {
      setState(isAbort(error) ? { status: 'cancelled', fileName } : { status: 'failed', fileName, error });
    } finally {
      if (controller.current === abort) controller.current = null;
      // Channel health (last event) and the audit log changed, whatever the outcome: committed rows stay.
      await Promise.all([
        queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
        queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
      ]);
    }
  };

  const cancel = () => controller.current?.abort();
  const reset = () => setState({ status: 'idle' });
  return { state, start, cancel, reset };
}
