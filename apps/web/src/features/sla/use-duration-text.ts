import { useTranslation } from '@/lib/use-translation.tsx';
import { formatDuration } from './duration.ts';

/** A target in minutes as the interface language writes it: "30 min", "4 h", "2 d" ("2 j" in French). */
export function useDurationText() {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (minutes: number) =>
    formatDuration(minutes, (unit, value) => t(`sla.duration.${unit}`, { value: number.format(value) }));
}
