import { isId } from './snowflake.ts';

/**
 * Query-parameter parsing with X's validation messages. A bad value throws ParamError, which the routes turn
 * into X's 400 "Invalid Request" body naming the parameter.
 */
export class ParamError extends Error {
  override readonly name = 'ParamError';
  readonly parameter: string;
  readonly value: string;

  constructor(parameter: string, value: string, message: string) {
    super(message);
    this.parameter = parameter;
    this.value = value;
  }
}

export type Query = Record<string, string | string[] | undefined>;

function one(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new ParamError(name, value.join(','), `Duplicate parameter \`${name}\``);
  return value === '' ? undefined : value;
}

/** A comma-separated list whose members must all be in `allowed`. */
export function listParam(query: Query, name: string, allowed: ReadonlySet<string>): Set<string> {
  const raw = one(query, name);
  const items = new Set(raw === undefined ? [] : raw.split(','));
  for (const item of items)
    if (!allowed.has(item))
      throw new ParamError(
        name,
        item,
        `The \`${name}\` query parameter value [${item}] is not one of [${[...allowed].join(',')}]`,
      );
  return items;
}

export function intParam(query: Query, name: string, min: number, max: number, fallback: number): number {
  const raw = one(query, name);
  if (raw === undefined) return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max))
    throw new ParamError(name, raw, `The \`${name}\` query parameter value [${raw}] is not between ${min} and ${max}`);
  return value;
}

export function idParam(query: Query, name: string): string | undefined {
  const raw = one(query, name);
  if (raw !== undefined && !isId(raw))
    throw new ParamError(name, raw, `The \`${name}\` query parameter value [${raw}] does not match ^[0-9]{1,19}$`);
  return raw;
}

/** ISO 8601 (X: YYYY-MM-DDTHH:mm:ssZ) → milliseconds. */
export function timeParam(query: Query, name: string): number | undefined {
  const raw = one(query, name);
  if (raw === undefined) return undefined;
  const ms = /^\d{4}-\d\d-\d\dT/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(ms))
    throw new ParamError(name, raw, `The \`${name}\` query parameter value [${raw}] is not a valid RFC 3339 date`);
  return ms;
}

/**
 * Pagination tokens are opaque to clients (X's look like "7140dibdnow9…"); here a direction letter and the
 * boundary id in base 16, which is enough to resume after deletions and new arrivals.
 */
export interface PageToken {
  direction: 'next' | 'previous';
  boundaryId: string;
}

export function encodePageToken(token: PageToken): string {
  return `${token.direction === 'next' ? 'n' : 'p'}${BigInt(token.boundaryId).toString(16)}`;
}

export function pageTokenParam(query: Query, name: string): PageToken | undefined {
  const raw = one(query, name);
  if (raw === undefined) return undefined;
  const match = /^([np])([0-9a-f]{1,16})$/.exec(raw);
  if (!match?.[2]) throw new ParamError(name, raw, `The \`${name}\` query parameter value [${raw}] is not valid`);
  return { direction: match[1] === 'n' ? 'next' : 'previous', boundaryId: BigInt(`0x${match[2]}`).toString() };
}
