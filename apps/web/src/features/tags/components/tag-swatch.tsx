import { useTranslation } from '@/lib/use-translation.tsx';
import { TAG_COLOR } from '../types.ts';

/** A small colour square. The colour is the server's validated #rrggbb; anything else shows grey. */
export function TagSwatch({ color }: { color: string }) {
  const { t } = useTranslation();
  const safe = TAG_COLOR.test(color) ? color : '#6b7280';
  return (
    <span
      role="img"
      aria-label={t('tags.swatch', { color: safe })}
      style={{
        display: 'inline-block',
        width: '0.9rem',
        height: '0.9rem',
        borderRadius: '3px',
        background: safe,
        verticalAlign: 'middle',
        marginRight: '0.4rem',
      }}
    />
  );
}
