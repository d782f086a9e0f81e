import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC, type Session } from '@/lib/trpc.ts';
import { TableHead } from '@/components/table-head.tsx';

/** A short, readable device name from a user agent ("Firefox on Linux"); the raw string stays in the title. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(userAgent)
        ? 'macOS'
        : /Android/.test(userAgent)
          ? 'Android'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** The user's active sessions; revoking the current one signs out here (`onSignedOut`). */
export function SessionsList({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const sessions = useQuery(trpc.sessions.list.queryOptions());
  const revoke = useMutation(
    trpc.sessions.revoke.mutationOptions({
      onSuccess: async (_data, { sessionId }) => {
        const current = sessions.data?.find((s) => s.current);
        if (current?.id === sessionId) {
          onSignedOut();
          return;
        }
        await queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
      },
    }),
  );

  if (sessions.isPending) return <Loading />;
  if (sessions.isError) return <ErrorMessage error={sessions.error} />;
  const name = (s: Session) => describeUserAgent(s.userAgent) ?? t('profile.unknownDevice');
  return (
    <>
      <ErrorMessage error={revoke.error} />
      <div className="table-wrap">
        <table className="table" data-testid="sessions-table">
          <TableHead
            columns={[t('profile.device'), t('profile.ip'), t('profile.signedIn'), t('profile.lastActive')]}
            actions
          />
          <tbody>
            {sessions.data.map((session) => (
              <tr key={session.id} data-current={session.current || undefined}>
                <td title={session.userAgent ?? undefined}>
                  {name(session)}
                  {session.current ? <span className="badge badge-ok">{t('profile.thisSession')}</span> : null}
                </td>
                <td className="mono">{session.ip ?? '—'}</td>
                <td>{formatDate(session.createdAt)}</td>
                <td>{formatDate(session.lastSeenAt)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={
                      session.current
                        ? t('profile.revokeCurrent')
                        : t('profile.revokeSession', { device: name(session), date: formatDate(session.lastSeenAt) })
                    }
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ sessionId: session.id })}
                  >
                    {t('profile.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
