import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment (lint-enforced). Every variable is documented in the README
 * ("Configuration"); an invalid value stops the process at start with a clear message.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.url().optional(),
  PERCH_DATA_DIR: z.string().optional(),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  WEB_DIST_DIR: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  PERCH_SIMULATOR: bool.default(true),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SIMULATOR_RATE: z.coerce.number().min(0).max(6000).default(12),
  /** Weeks of past conversations the demo seed writes per brand (docs/metrics.md, "Demo data"). */
  PERCH_DEMO_HISTORY_WEEKS: z.coerce.number().int().min(1).max(26).default(6),
  /** Comma-separated http(s) origins Perch may reach although they are private (SSRF guard, S6). */
  PERCH_TRUSTED_ORIGINS: z
    .string()
    .max(4000)
    .default('')
    .transform((v, ctx) => {
      const origins: string[] = [];
      for (const item of v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const url = URL.parse(item);
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item.replace(/\/$/, '')) {
          ctx.addIssue({ code: 'custom', message: `${item.slice(0, 100)} is not an origin (http(s)://host[:port])` });
          return z.NEVER;
        }
        origins.push(url.origin);
      }
      return origins;
    }),
  PERCH_INGEST_GROUP_COMMIT: bool.default(true),
  PERCH_WORKERS: bool.default(true),
  PERCH_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded')
    .optional(),
  /** Outgoing mail for scheduled reports (docs/reports.md): smtp://user:pass@host:port or smtps://…; unset: off. */
  PERCH_SMTP_URL: z
    .string()
    .max(2000)
    .refine((v) => /^smtps?:$/.test(URL.parse(v)?.protocol ?? ''), 'must be smtp://user:pass@host:port or smtps://…')
    .optional(),
  /** The From address of Perch's mail, e.g. "Perch <reports@example.com>". */
  PERCH_MAIL_FROM: z.string().min(3).max(320).optional(),
  /** Stripe (docs/billing.md): the secret API key; unset: Stripe is off and the invoice provider is the only one. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w{8,}$/, 'must be a Stripe secret key')
    .optional(),
  /** The webhook endpoint's signing secrets, comma-separated (two during a rotation). */
  STRIPE_WEBHOOK_SECRETS: z
    .string()
    .max(1000)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((s) => /^whsec_\w{8,}$/.test(s)), 'must be whsec_… secrets, comma-separated')
    .optional(),
  /** The Stripe prices of the plans: "pro=price_…,pro_seat=price_…,enterprise=price_…,enterprise_seat=price_…". */
  STRIPE_PRICES: z
    .string()
    .max(2000)
    .transform((v) => Object.fromEntries(v.split(',').map((pair) => pair.trim().split('=') as [string, string])))
    .refine(
      (m) => Object.entries(m).every(([k, v]) => /^(pro|enterprise)(_seat)?$/.test(k) && /^price_\w+$/.test(v ?? '')),
      'must be pro=price_…,pro_seat=price_…,enterprise=price_…,enterprise_seat=price_…',
    )
    .optional(),
});

export interface StripeConfig {
  secretKey: string;
  webhookSecrets: string[];
  /** Plan id (and "<plan>_seat") → Stripe price id. */
  prices: Record<string, string>;
  /** The HTTP client for Stripe's API (tests hand in msw's); default: fetch. */
  fetch?: typeof fetch;
}

/**
 * Development-only key for channel secrets at rest, so that a local start needs no setup. Production refuses to
 * start without PERCH_SECRET_KEY (a known key protects nothing).
 */
const DEV_SECRET_KEY = Buffer.from('perch-development-key-not-secret!', 'utf8').subarray(0, 32);

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PERCH_SECRET_KEY) {
    throw new Error('Invalid configuration:\n  PERCH_SECRET_KEY: required in production (32 random bytes, base64)');
  }
  if (Boolean(e.PERCH_SMTP_URL) !== Boolean(e.PERCH_MAIL_FROM)) {
    throw new Error(
      'Invalid configuration:\n  PERCH_SMTP_URL and PERCH_MAIL_FROM: set both (mail needs a server and a sender)',
    );
  }
  const port = e.PORT;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${port}`;
  const cookieSecure = e.COOKIE_SECURE ?? e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    /** Embedded database folder: PERCH_DATA_DIR (relative to the working directory) or <repository>/.perch-data. */
    dataDir: e.PERCH_DATA_DIR
      ? path.resolve(e.PERCH_DATA_DIR)
      : path.resolve(import.meta.dirname, '../../../.perch-data'),
    host: e.HOST,
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    /** Origins whose browsers may call mutations (CSRF check). Localhost aliases are allowed in development. */
    allowedOrigins: allowedOriginsFor(publicUrl, e.NODE_ENV, port),
    cookieSecure,
    /** `__Host-` requires Secure; plain-HTTP local use (COOKIE_SECURE=false) gets a plain name. */
    sessionCookieName: cookieSecure ? '__Host-perch_session' : 'perch_session',
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    statementTimeoutMs: e.STATEMENT_TIMEOUT_MS,
    dbPoolSize: e.DB_POOL_SIZE,
    webDistDir: e.WEB_DIST_DIR ?? path.resolve(import.meta.dirname, '../../web/dist'),
    trustProxy: e.TRUST_PROXY,
    /**
     * With --demo: run the sandbox X network and the traffic simulator against the demo brands (rate 0: the
     * sandbox and the channels only, no simulated posts).
     */
    simulator: { enabled: e.PERCH_SIMULATOR, sandboxPort: e.SANDBOX_PORT, ratePerMinute: e.SIMULATOR_RATE },
    demoHistoryWeeks: e.PERCH_DEMO_HISTORY_WEEKS,
    /**
     * Origins of Perch's own configuration that outbound requests may reach although they are private (SSRF
     * guard): PERCH_TRUSTED_ORIGINS. With --demo and the simulator, main.ts adds the sandbox's origin.
     */
    trustedOrigins: e.PERCH_TRUSTED_ORIGINS,
    /** Webhook requests share commits (default); false commits each alone — the P2 benchmark's baseline. */
    ingestGroupCommit: e.PERCH_INGEST_GROUP_COMMIT,
    /** false: a web-only process of a scaled deployment (HTTP and live streams; it enqueues, never works jobs). */
    workers: e.PERCH_WORKERS,
    secretKey: e.PERCH_SECRET_KEY ? Buffer.from(e.PERCH_SECRET_KEY, 'base64') : DEV_SECRET_KEY,
    /** SMTP for scheduled reports; null: not configured (schedules are refused with a clear message). */
    smtp: e.PERCH_SMTP_URL && e.PERCH_MAIL_FROM ? { url: e.PERCH_SMTP_URL, from: e.PERCH_MAIL_FROM } : null,
    /** Stripe; null: off (Checkout refused with a clear message, the webhook answers 404). */
    stripe: (e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRETS && e.STRIPE_PRICES
      ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecrets: e.STRIPE_WEBHOOK_SECRETS, prices: e.STRIPE_PRICES }
      : null) as StripeConfig | null,
  };
}

function allowedOriginsFor(publicUrl: string, env: string, port: number): string[] {
  const origins = new Set([new URL(publicUrl).origin]);
  if (env !== 'production') {
    for (const host of ['localhost', '127.0.0.1']) origins.add(`http://${host}:${port}`);
    origins.add('http://localhost:5173'); // Vite dev server
  }
  return [...origins];
}
