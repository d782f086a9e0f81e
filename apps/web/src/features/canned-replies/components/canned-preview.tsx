import { fillVariables } from '@perch/shared';
import { replyLength } from '@perch/shared/reply-text';
import { useTranslation } from '@/lib/use-translation.tsx';
import { sampleValues, segmentsOf } from '../canned-text.ts';

/** The text as a customer would read it, filled with sample values, and its length as X counts it. */
export function CannedPreview({ text, brandName }: { text: string; brandName: string }) {
  const { t } = useTranslation();
  const values = sampleValues(
    {
      customerName: t('cannedReplies.sample.customerName'),
      customerHandle: t('cannedReplies.sample.customerHandle'),
      agentFirstName: t('cannedReplies.sample.agentFirstName'),
    },
    brandName,
  );
  const filled = fillVariables(text, values);
  const length = replyLength(filled);
  const over = length.weighted > length.max;
  return (
    <section className="field" aria-label={t('cannedReplies.preview')}>
      <strong>{t('cannedReplies.preview')}</strong>
      <p className="canned-preview canned-text" data-testid="canned-preview">
        {filled ? (
          // Filled variables read as plain text; an unknown one stays as written, marked.
          segmentsOf(text).map((segment, i) =>
            segment.kind === 'variable' && !segment.known ? (
              <mark key={i} className="canned-variable canned-variable-unknown">
                {segment.text}
              </mark>
            ) : (
              <span key={i}>{segment.kind === 'variable' ? fillVariables(segment.text, values) : segment.text}</span>
            ),
          )
        ) : (
          <span className="muted">{t('cannedReplies.previewEmpty')}</span>
        )}
      </p>
      <p className={over ? 'field-hint canned-preview-over' : 'field-hint'} data-testid="canned-preview-count">
        {over
          ? t('cannedReplies.previewOver', { weighted: length.weighted, max: length.max })
          : t('cannedReplies.previewCount', { weighted: length.weighted, max: length.max })}
      </p>
    </section>
  );
}
