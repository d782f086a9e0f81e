import { IMPORT_FORMATS, IMPORT_MAX_BYTES, type ImportFormat } from '@perch/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import { BrandSelect } from '@/features/channels/components/brand-select.tsx';
import type { Brand, Channel } from '@/lib/trpc.ts';
import { formatBytes, formatOfFileName, IMPORT_ACCEPT } from '../import-format.ts';

interface ImportFormProps {
  brands: readonly Brand[];
  channels: readonly Channel[];
  defaultBrandId: string;
  uploading: boolean;
  onUpload: (input: { channelId: string; format: ImportFormat; file: File }) => void;
}

type Errors = { channel?: string; file?: string };

/** Brand → channel, the file (format detected from its extension, switchable), and the upload button. */
export function ImportForm({ brands, channels, defaultBrandId, uploading, onUpload }: ImportFormProps) {
  const { t, i18n } = useTranslation();
  const [brandId, setBrandId] = useState(defaultBrandId);
  const brandChannels = channels.filter((c) => c.brandId === brandId);
  const [channelId, setChannelId] = useState(brandChannels[0]?.id ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [detected, setDetected] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const maxSize = formatBytes(IMPORT_MAX_BYTES, i18n.language);

  const chooseBrand = (next: string) => {
    setBrandId(next);
    setChannelId(channels.find((c) => c.brandId === next)?.id ?? '');
  };
  const chooseFile = (next: File | null) => {
    setFile(next);
    const implied = next ? formatOfFileName(next.name) : null;
    if (implied) setFormat(implied);
    setDetected(implied !== null);
    setErrors((e) => ({ ...e, file: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    if (!brandChannels.some((c) => c.id === channelId)) found.channel = t('imports.validation.channel');
    if (!file) found.file = t('imports.validation.file');
    else if (file.size === 0) found.file = t('imports.validation.empty');
    else if (file.size > IMPORT_MAX_BYTES) found.file = t('imports.validation.tooLarge', { size: maxSize });
    setErrors(found);
    if (found.channel || found.file || !file) return;
    onUpload({ channelId, format, file });
  };

  return (
    <form className="form form-grid" onSubmit={submit} noValidate aria-label={t('imports.formTitle')}>
      <Field label={t('imports.brand')}>
        <BrandSelect brands={brands} value={brandId} onChange={chooseBrand} />
      </Field>
      <Field
        label={t('imports.channel')}
        hint={brandChannels.length === 0 ? t('imports.noChannel') : t('imports.channelHint')}
        errors={errors.channel ? [errors.channel] : undefined}
      >
        <select value={channelId} onChange={(e) => setChannelId(e.target.value)} disabled={brandChannels.length === 0}>
          {brandChannels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {t('imports.channelOption', { name: channel.name, kind: t(`channels.kinds.${channel.kind}`) })}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('imports.file')}
        hint={t('imports.fileHint', { size: maxSize })}
        errors={errors.file ? [errors.file] : undefined}
      >
        <input type="file" accept={IMPORT_ACCEPT} onChange={(e) => chooseFile(e.target.files?.[0] ?? null)} />
      </Field>
      <fieldset className="fieldset">
        <legend>{t('imports.format')}</legend>
        {IMPORT_FORMATS.map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="import-format"
              value={value}
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {t(`imports.formats.${value}`)}
          </label>
        ))}
        {file && detected ? <p className="field-hint">{t('imports.formatDetected')}</p> : null}
        {file && !detected ? <p className="field-hint">{t('imports.formatUnknown')}</p> : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={uploading}>
          {t('imports.upload')}
        </button>
      </div>
    </form>
  );
}
