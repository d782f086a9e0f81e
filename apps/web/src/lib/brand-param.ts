import { useSearchParams } from './location.ts';

/** The selected brand lives in the URL (`?brand=<id>`), so a link or a reload keeps it. */
export const BRAND_PARAM = 'brand';

export function useSelectedBrandId(): [string | null, (brandId: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const brandId = params.get(BRAND_PARAM);
  const select = (next: string | null) => {
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next) copy.set(BRAND_PARAM, next);
        else copy.delete(BRAND_PARAM);
        return copy;
      },
      { replace: true },
    );
  };
  return [brandId, select];
}

/** The query string that keeps the brand selection on a navigation link. */
export function useBrandSearch(): string {
  const [params] = useSearchParams();
  const brandId = params.get(BRAND_PARAM);
  return brandId ? `?${new URLSearchParams({ [BRAND_PARAM]: brandId }).toString()}` : '';
}
