import { LIMITS } from '@perch/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { CopyField } from '@/components/copy-field.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { Field } from '@/components/field.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { useTRPC, type Brand, type CreatedXChannel } from '@/lib/trpc.ts';
import { BrandSelect } from './brand-select.tsx';
import { ResultCallout } from '@/components/result-callout.tsx';

interface XChannelFormProps {
  organizationId: string;
  brands: readonly Brand[];
  defaultBrandId: string;
}

interface XValues {
  name: string;
  xUserId: string;
  consumerSecret: string;
  accessToken: string;
}

type XField = keyof XValues;

const EMPTY: XValues = { name: '', xUserId: '', consumerSecret: '', accessToken: '' };
const X_USER_ID = /^\d{1,20}$/;
// The server's bounds (createXChannelInput).
const SECRET = { min: 10, max: 200 };
const TOKEN = { min: 10, max: 500 };

/**
 * Connects an X account (Account Activity webhook). The secrets go to the server, which stores them sealed and
 * never returns them; the form is emptied after the connection.
 */
export function XChannelForm({ organizationId, brands, defaultBrandId }: XChannelFormProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [brandId, setBrandId] = useState(defaultBrandId);
  const [values, setValues] = useState<XValues>(EMPTY);
  const [clientErrors, setClientErrors] = useState<Partial<Record<XField, string>>>({});
  const [created, setCreated] = useState<CreatedXChannel | null>(null);

  const create = useMutation(
    trpc.channels.createX.mutationOptions({
      onSuccess: async (result) => {
        setCreated(result);
        setValues(EMPTY);
        await Promise.all([
          queryClient.invalidateQueries(trpc.channels.list.queryFilter({ organizationId })),
          queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
        ]);
      },
    }),
  );

  const messages: Record<XField, string> = {
    name: t('validation.name'),
    xUserId: t('channels.xUserIdInvalid'),
    consumerSecret: t('channels.secretLength', { min: SECRET.min, max: SECRET.max }),
    accessToken: t('channels.secretLength', { min: TOKEN.min, max: TOKEN.max }),
  };
  const server = fieldErrorsOf(create.error);
  const errorsOf = (field: XField) => {
    const client = clientErrors[field];
    return client ? [client] : server[field] ? [messages[field]] : [];
  };
  const set = (field: XField, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<XField, string>> = {};
    if (!values.name.trim()) errors.name = t('validation.required');
    if (!X_USER_ID.test(values.xUserId.trim())) errors.xUserId = messages.xUserId;
    if (values.consumerSecret.length < SECRET.min || values.consumerSecret.length > SECRET.max) {
      errors.consumerSecret = messages.consumerSecret;
    }
    if (values.accessToken && (values.accessToken.length < TOKEN.min || values.accessToken.length > TOKEN.max)) {
      errors.accessToken = messages.accessToken;
    }
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    setCreated(null);
    create.mutate({
      organizationId,
      brandId,
      name: values.name.trim(),
      xUserId: values.xUserId.trim(),
      consumerSecret: values.consumerSecret,
      ...(values.accessToken ? { accessToken: values.accessToken } : {}),
    });
  };

  return (
    <div className="stack">
      <form className="form form-grid" onSubmit={submit} noValidate aria-label={t('channels.xTitle')}>
        {perchCodeOf(create.error) === 'VALIDATION' && Object.keys(server).length ? null : (
          <ErrorMessage error={create.error} overrides={{ NOT_FOUND: t('channels.brandGone') }} />
        )}
        <Field label={t('channels.brand')}>
          <BrandSelect brands={brands} value={brandId} onChange={setBrandId} />
        </Field>
        <Field label={t('channels.name')} hint={t('channels.xNameHint')} errors={errorsOf('name')}>
          <input
            type="text"
            maxLength={LIMITS.name}
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
          />
        </Field>
        <Field label={t('channels.xUserId')} hint={t('channels.xUserIdHint')} errors={errorsOf('xUserId')}>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            value={values.xUserId}
            onChange={(e) => set('xUserId', e.target.value)}
          />
        </Field>
        <Field
          label={t('channels.consumerSecret')}
          hint={t('channels.consumerSecretHint')}
          errors={errorsOf('consumerSecret')}
        >
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={SECRET.max}
            value={values.consumerSecret}
            onChange={(e) => set('consumerSecret', e.target.value)}
          />
        </Field>
        <Field label={t('channels.accessToken')} hint={t('channels.accessTokenHint')} errors={errorsOf('accessToken')}>
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={TOKEN.max}
            value={values.accessToken}
            onChange={(e) => set('accessToken', e.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('channels.connectX')}
          </button>
        </div>
      </form>
      {created ? (
        <ResultCallout
          title={t('channels.xCreated', { name: created.channel.name })}
          onDismiss={() => setCreated(null)}
        >
          <p>{t('channels.xHelp')}</p>
          <CopyField label={t('channels.webhookUrl')} value={created.webhookUrl} testId="channel-webhook-url" />
        </ResultCallout>
      ) : null}
    </div>
  );
}
