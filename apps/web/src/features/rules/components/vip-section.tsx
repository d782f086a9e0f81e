import { RULE_LIMITS, VIP_NETWORKS, type VipNetwork } from '@perch/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useFormatDate } from '@/lib/format.ts';
import { useTRPC } from '@/lib/trpc.ts';
import type { VipHandle } from '../types.ts';

interface VipSectionProps {
  organizationId: string;
  brandId: string;
  brandName: string;
  brandTimeZone: string;
}

const X_USERNAME = /^@?[A-Za-z0-9_]{1,15}$/;
const OTHER_USERNAME = /^@?[^\s\p{Cc}]{1,100}$/u;
const display = (vip: Pick<VipHandle, 'username'>) => `@${vip.username}`;

/** The brand's VIP handles: their mentions are always urgent. */
export function VipSection({ organizationId, brandId, brandName, brandTimeZone }: VipSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const scope = { organizationId, brandId };
  const vips = useQuery(trpc.rules.listVips.queryOptions(scope));
  const [network, setNetwork] = useState<VipNetwork>('x');
  const [username, setUsername] = useState('');
  const [note, setNote] = useState('');
  const [usernameErrors, setUsernameErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState('');
  const [removing, setRemoving] = useState<VipHandle | null>(null);

  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.rules.listVips.queryFilter(scope)),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const add = useMutation(
    trpc.rules.addVip.mutationOptions({
      onSuccess: async (vip) => {
        setNotice(t('rules.vipAdded', { username: display(vip) }));
        setUsername('');
        setNote('');
        await affected();
      },
    }),
  );
  const remove = useMutation(
    trpc.rules.removeVip.mutationOptions({
      onSuccess: async () => {
        if (removing) setNotice(t('rules.vipRemoved', { username: display(removing) }));
        setRemoving(null);
        await affected();
      },
    }),
  );

  const usernameHint = network === 'x' ? t('rules.vipUsernameHintX') : t('rules.vipUsernameHintWebhook');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = username.trim();
    const errors = !value
      ? [t('validation.required')]
      : (network === 'x' ? X_USERNAME : OTHER_USERNAME).test(value)
        ? []
        : [usernameHint];
    setUsernameErrors(errors);
    if (errors.length) return;
    setNotice('');
    add.mutate({ ...scope, network, username: value, note: note.trim() || null });
  };

  const code = perchCodeOf(add.error);
  const server = fieldErrorsOf(add.error);
  const duplicate = code === 'CONFLICT';
  const serverUsername = [
    ...(server['username'] ? [usernameHint] : []),
    ...(duplicate ? [t('rules.vipDuplicate')] : []),
  ];
  const serverNote = server['note'] ? [t('rules.vipNoteInvalid', { max: RULE_LIMITS.vipNote })] : [];
  const shownInline = duplicate || (code === 'VALIDATION' && Object.keys(server).length > 0);
  const list = vips.data ?? [];

  return (
    <section className="card" aria-labelledby="vip-list">
      <h2 id="vip-list">{t('rules.vipTitle', { brand: brandName })}</h2>
      <p className="muted">{t('rules.vipDescription')}</p>
      <SuccessMessage>{notice}</SuccessMessage>
      {vips.isPending ? <Loading /> : null}
      <ErrorMessage error={vips.error} />
      {vips.data && list.length === 0 ? <p className="muted">{t('rules.vipEmpty')}</p> : null}
      {list.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="vip-table">
            <TableHead
              columns={[t('rules.vipUsername'), t('rules.vipNetwork'), t('rules.vipNote'), t('rules.vipAddedAt')]}
              actions
            />
            <tbody>
              {list.map((vip) => (
                <tr key={vip.id}>
                  <td>{display(vip)}</td>
                  <td>{t(`rules.networks.${vip.network}`, { defaultValue: vip.network })}</td>
                  <td>{vip.note ?? '—'}</td>
                  <td>{formatDate(vip.createdAt, { timeZone: brandTimeZone, style: 'date' })}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button button-small button-danger-outline"
                      aria-label={t('rules.vipRemoveOf', { username: display(vip) })}
                      onClick={() => {
                        remove.reset();
                        setRemoving(vip);
                      }}
                    >
                      {t('rules.vipRemove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3>{t('rules.vipAddTitle')}</h3>
      <form className="form form-grid" onSubmit={submit} noValidate aria-label={t('rules.vipAddTitle')}>
        {shownInline ? null : <ErrorMessage error={add.error} />}
        <Field label={t('rules.vipNetwork')}>
          <select value={network} onChange={(e) => setNetwork(e.target.value as VipNetwork)}>
            {VIP_NETWORKS.map((n) => (
              <option key={n} value={n}>
                {t(`rules.networks.${n}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rules.vipUsername')} hint={usernameHint} errors={[...usernameErrors, ...serverUsername]}>
          <input
            type="text"
            maxLength={RULE_LIMITS.vipUsername + 1}
            autoComplete="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('rules.vipNoteOptional')} hint={t('rules.vipNoteHint')} errors={serverNote}>
          <input type="text" maxLength={RULE_LIMITS.vipNote} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {t('rules.vipAdd')}
          </button>
        </div>
      </form>

      {removing ? (
        <ConfirmDialog
          title={t('rules.vipRemoveTitle', { username: display(removing) })}
          confirmLabel={t('rules.vipRemoveConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove.mutate({ organizationId, vipId: removing.id })}
        >
          <p>{t('rules.vipRemoveWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
