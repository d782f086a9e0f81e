import { useMemo, type SelectHTMLAttributes } from 'react';

/** Every IANA time zone the browser knows (plus UTC, and the current value even if it is an old alias). */
export function timeZones(current?: string): string[] {
  const zones = new Set<string>(['UTC']);
  try {
    for (const zone of Intl.supportedValuesOf('timeZone')) zones.add(zone);
  } catch {
    // Very old browsers: UTC and the current value only.
  }
  if (current) zones.add(current);
  return [...zones].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

export function TimeZoneSelect({ value, onChange, ...rest }: Props) {
  const zones = useMemo(() => timeZones(value), [value]);
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
