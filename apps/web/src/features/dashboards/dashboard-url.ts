import {
  DASHBOARD_DIMENSIONS,
  DASHBOARD_GRAINS,
  DASHBOARD_LIMITS,
  isCalendarDate,
  LIMITS,
  type DashboardDimension,
} from '@perch/shared';
import { DEFAULT_PRESET, isValidRange, RANGE_PRESETS, type GrainChoice, type RangePreset } from './date-range.ts';

/**
 * The dashboard's controls live in the URL (a link or a reload shows the same figures): `range` (a preset, or
 * `custom` with `from`/`to` days), `compare=1`, `bh=1` (business hours), `brand` (comma-separated ids, the shell's
 * brand switcher writes one), `dim` + `value` (one dimension filter), `grain`, and `by` (the breakdown's dimension).
 * Parsing never throws: a value the contract refuses is dropped and its default used.
 */
export type FilterDimension = Exclude<DashboardDimension, 'brand'>;

export interface DashboardUrlState {
  preset: RangePreset;
  /** Only with preset 'custom'. */
  from: string | null;
  to: string | null;
  compare: boolean;
  businessHours: boolean;
  /** Empty: every brand I may see. */
  brandIds: string[];
  filter: { dimension: FilterDimension; value: string } | null;
  grain: GrainChoice;
  breakdownBy: DashboardDimension;
}

export const DEFAULT_BREAKDOWN: DashboardDimension = 'brand';

export const DEFAULT_DASHBOARD_STATE: DashboardUrlState = {
  preset: DEFAULT_PRESET,
  from: null,
  to: null,
  compare: false,
  businessHours: false,
  brandIds: [],
  filter: null,
  grain: 'auto',
  breakdownBy: DEFAULT_BREAKDOWN,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(values: readonly T[], raw: string | null): T | null =>
  raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : null;
const FILTER_DIMENSIONS = DASHBOARD_DIMENSIONS.filter((d): d is FilterDimension => d !== 'brand');

export function parseDashboardSearch(params: URLSearchParams): DashboardUrlState {
  let preset = oneOf(RANGE_PRESETS, params.get('range')) ?? DEFAULT_PRESET;
  let from: string | null = null;
  let to: string | null = null;
  if (preset === 'custom') {
    const rawFrom = params.get('from') ?? '';
    const rawTo = params.get('to') ?? '';
    if (isCalendarDate(rawFrom) && isCalendarDate(rawTo) && isValidRange({ from: rawFrom, to: rawTo })) {
      from = rawFrom;
      to = rawTo;
    } else {
      preset = DEFAULT_PRESET;
    }
  }
  const brandIds = [
    ...new Set(
      (params.get('brand') ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter((v) => UUID.test(v)),
    ),
  ].slice(0, LIMITS.brandIdsMax);
  const dimension = oneOf(FILTER_DIMENSIONS, params.get('dim'));
  // `value=` (empty) with a dimension is "none" of it (no team, no tag…); no `value` at all filters nothing.
  const value = params.get('value')?.trim() ?? null;
  const filter =
    dimension && value !== null && value.length <= DASHBOARD_LIMITS.dimensionValue ? { dimension, value } : null;
  return {
    preset,
    from,
    to,
    compare: params.get('compare') === '1',
    businessHours: params.get('bh') === '1',
    brandIds,
    filter,
    grain: oneOf(DASHBOARD_GRAINS, params.get('grain')) ?? 'auto',
    breakdownBy: oneOf(DASHBOARD_DIMENSIONS, params.get('by')) ?? DEFAULT_BREAKDOWN,
  };
}

/** The query string of a state: stable key order, defaults left out (so equal states give equal URLs). */
export function serialiseDashboardSearch(state: DashboardUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.brandIds.length) params.set('brand', state.brandIds.join(','));
  if (state.preset !== DEFAULT_PRESET) params.set('range', state.preset);
  if (state.preset === 'custom' && state.from && state.to) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.compare) params.set('compare', '1');
  if (state.businessHours) params.set('bh', '1');
  if (state.filter) {
    params.set('dim', state.filter.dimension);
    params.set('value', state.filter.value);
  }
  if (state.grain !== 'auto') params.set('grain', state.grain);
  if (state.breakdownBy !== DEFAULT_BREAKDOWN) params.set('by', state.breakdownBy);
  return params;
}
