import { z } from 'zod';

/** Bounds shared by the server (validation) and the web (form hints). Every string and array is bounded (S11). */
export const LIMITS = {
  email: 254,
  name: 120,
  passwordMin: 8,
  passwordMax: 128,
  brandName: 120,
  handle: 50,
  pageSizeMax: 100,
  brandIdsMax: 50,
  searchMax: 200,
} as const;

export const idSchema = z.uuid({ message: 'must be an id' });

/** An ISO 8601 date-time with its offset (`2026-11-30T09:00:00Z`, `…+01:00`); longer than 40 characters is refused. */
export const isoDateTime = () => z.iso.datetime({ offset: true }).max(40);

/** Trimmed, non-empty, bounded text without control characters. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');
}

/**
 * Like `text`, for writing in paragraphs (notes): line breaks (normalised to \n) and tabs are kept; other control
 * characters are refused. Length is counted after normalising.
 */
export function multilineText(max: number) {
  return z
    .string()
    .max(max * 2)
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine((s) => !/[^\P{Cc}\n\t]/u.test(s), 'must not contain control characters'),
    );
}

export const emailSchema = z
  .string()
  .trim()
  .max(LIMITS.email)
  .pipe(z.email())
  .transform((s) => s.toLowerCase());

export const pageSizeSchema = z.number().int().min(1).max(LIMITS.pageSizeMax);

/**
 * The first `max` characters of a text, never cutting a character in two (`String.slice` can split an emoji's
 * surrogate pair, which PostgreSQL then refuses inside JSON).
 */
export function excerpt(s: string, max: number): string {
  if (s.length <= max) return s;
  return Array.from(s).slice(0, max).join('');
}
