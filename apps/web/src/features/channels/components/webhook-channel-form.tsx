import { LIMITS } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CopyField } from '@/components/copy-field.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useTRPC, type Brand, type CreatedWebhookChannel } from '@/lib/trpc.ts';
import { BrandSelect } from './brand-select.tsx';
import { OneTimeSecret } from './one-time-secret.tsx';

interface WebhookChannelFormProps {
  organizationId: string;
  brands: readonly Brand[];
  defaultBrandId: string;
}

/** Adds a generic signed webhook (Standard Webhooks); its signing secret is shown once, right after. */
export function WebhookChannelForm({ organizationId, brands, defaultBrandId }: WebhookChannelFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [brandId, setBrandId] = useState(defaultBrandId);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedWebhookChannel | null>(null);

  const create = useMutation(
    trpc.channels.createWebhook.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        setName('');
        await Promise.all([
          queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const server = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = name.trim() ? [] : [t('validation.required')];
    setNameError(errors);
    if (errors.length) return;
    setCreated(null);
    create.mutate({ organizationId, brandId, name: name.trim() });
  };

  const label = t('channels.webhookTitle');
  return (
    <div className="stack">
      <form className="form form-grid" onSubmit={submit} noValidate aria-label={label}>
        {perchCodeOf(create.error) === 'VALIDATION' && Object.keys(server).length ? null : (
          <ErrorMessage error={create.error} overrides={{ NOT_FOUND: t('channels.brandGone') }} />
        )}
        <Field label={t('channels.brand')}>
          <BrandSelect brands={brands} value={brandId} onChange={setBrandId} />
        </Field>
        <Field
          label={t('channels.name')}
          hint={t('channels.webhookNameHint')}
          errors={[...nameError, ...(server['name'] ? [t('validation.name')] : [])]}
        >
          <input type="text" maxLength={LIMITS.name} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('channels.createWebhook')}
          </button>
        </div>
      </form>
      {created ? (
        <OneTimeSecret
          title={t('channels.webhookCreated', { name: created.channel.name })}
          secret={created.signingSecret}
          onDismiss={() => setCreated(null)}
        >
          <p>{t('channels.webhookHelp')}</p>
          <CopyField label={t('channels.webhookUrl')} value={created.webhookUrl} testId="channel-webhook-url" />
        </OneTimeSecret>
      ) : null}
    </div>
  );
}
