import type { Brand } from '@/lib/trpc.ts';

/** The brands a channel can belong to. `Field` passes the id and aria attributes through. */
export function BrandSelect({
  brands,
  value,
  onChange,
  ...rest
}: {
  brands: readonly Brand[];
  value: string;
  onChange: (brandId: string) => void;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      {brands.map((brand) => (
        <option key={brand.id} value={brand.id}>
          {brand.name}
        </option>
      ))}
    </select>
  );
}
