import { z } from 'zod';
import { appRouter } from '../../src/router.ts';

/** The JSON Schema (zod's own conversion, input side) of every procedure's input, by path. */
export function procedureInputSchemas(): Map<string, JsonSchema[]> {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { inputs: z.ZodType[] } }> })
    .procedures;
  return new Map(
    Object.entries(procedures).map(([path, p]) => [
      path,
      p._def.inputs.map((input) => z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema),
    ]),
  );
}

export interface JsonSchema {
  type?: string | string[];
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

const branches = (s: JsonSchema) => [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
const isType = (s: JsonSchema, type: string) => s.type === type || (Array.isArray(s.type) && s.type.includes(type));

/** An anchored pattern without `*`, `+` or `{n,}`: it matches strings of bounded length only (ids, digits). */
const boundedPattern = (pattern: string | undefined) =>
  pattern !== undefined &&
  pattern.startsWith('^') &&
  pattern.endsWith('$') &&
  !/(?<!\\)(?:[*+]|\{\d+,\})/.test(pattern);

/**
 * Every string without a maximum length and every array without a maximum count (enums, constants and strings of
 * a bounded pattern, such as ids, are bounded).
 */
export function unboundedFields(schema: JsonSchema, path = ''): string[] {
  const found: string[] = [];
  const boundedString =
    schema.maxLength !== undefined || schema.enum || schema.const !== undefined || boundedPattern(schema.pattern);
  if (isType(schema, 'string') && !boundedString) {
    found.push(path || '(input)');
  }
  if (isType(schema, 'array') && schema.maxItems === undefined && !schema.prefixItems) found.push(`${path}[]`);
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...unboundedFields(child, `${path}.${key}`));
  if (schema.items) found.push(...unboundedFields(schema.items, `${path}[]`));
  for (const item of schema.prefixItems ?? []) found.push(...unboundedFields(item, `${path}[]`));
  if (typeof schema.additionalProperties === 'object') {
    found.push(...unboundedFields(schema.additionalProperties, `${path}{}`));
  }
  for (const branch of branches(schema)) found.push(...unboundedFields(branch, path));
  return found;
}

/** One input over one limit: `value` put at `path` of a valid input. */
export interface OverLimit {
  path: (string | number)[];
  what: string;
  value: unknown;
}

/**
 * For a valid input, every bounded string and array it carries, made one over its limit: a string of
 * maxLength + 1 characters, an array of maxItems + 1 copies of its first element.
 */
export function overLimits(schema: JsonSchema, value: unknown, path: (string | number)[] = []): OverLimit[] {
  const cases: OverLimit[] = [];
  const at = path.join('.') || '(input)';
  if (typeof value === 'string' && isType(schema, 'string') && schema.maxLength !== undefined) {
    cases.push({ path, what: `${at}: ${schema.maxLength + 1} characters`, value: 'x'.repeat(schema.maxLength + 1) });
  }
  if (Array.isArray(value) && isType(schema, 'array')) {
    if (schema.maxItems !== undefined && value.length > 0) {
      const over = Array.from({ length: schema.maxItems + 1 }, () => value[0] as unknown);
      cases.push({ path, what: `${at}: ${schema.maxItems + 1} items`, value: over });
    }
    if (schema.items && value.length > 0) cases.push(...overLimits(schema.items, value[0], [...path, 0]));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      if (key in value) cases.push(...overLimits(child, (value as Record<string, unknown>)[key], [...path, key]));
    }
  }
  for (const branch of branches(schema)) cases.push(...overLimits(branch, value, path));
  const seen = new Set<string>();
  return cases.filter((c) => !seen.has(c.what) && seen.add(c.what));
}

/** `input` with `value` at `path` (a deep copy; the input is unchanged). */
export function withValueAt(input: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(input) ? [...(input as unknown[])] : { ...(input as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}
