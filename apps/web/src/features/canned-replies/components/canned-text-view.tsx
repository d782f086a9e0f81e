import { useTranslation } from '@/lib/use-translation.tsx';
import { segmentsOf } from '../canned-text.ts';

/** A canned reply's text as written, its {{ variables }} highlighted (an unknown one in the danger colour). */
export function CannedTextView({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span className="canned-text">
      {segmentsOf(text).map((segment, i) =>
        segment.kind === 'text' ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <mark
            key={i}
            className={segment.known ? 'canned-variable' : 'canned-variable canned-variable-unknown'}
            title={segment.known ? undefined : t('cannedReplies.unknownVariableTitle')}
          >
            {segment.text}
          </mark>
        ),
      )}
    </span>
  );
}
