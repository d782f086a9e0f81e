import type { z } from 'zod';

/**
 * Perch's CSP refuses eval (`script-src 'self'`, docs/security.md). zod compiles a fast object parser with `new
 * Function` unless told not to, and probes for it as each object schema is built: the probe is refused and reported
 * as a CSP violation on every page. Jitless mode never probes.
 *
 * zod keeps its settings on `globalThis.__zod_globalConfig` (what `z.config()` writes). Setting them there, from the
 * entry and before anything else runs, reaches every schema without loading zod itself, which stays out of the first
 * load (P8). The browser suite's S5 test fails on any CSP violation, so a zod that stopped reading this would show.
 */
type ZodSettings = NonNullable<Parameters<typeof z.config>[0]>;
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: ZodSettings };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
