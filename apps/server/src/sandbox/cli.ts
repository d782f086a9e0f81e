import { parseArgs } from 'node:util';
import { createLogger } from '../logger.ts';
import { createSandbox } from './sandbox-server.ts';
import { startSimulator, type SimulatorBrand } from './simulator.ts';

/**
 * `pnpm --filter @perch/server run sandbox -- --port 4010 [--simulate] [--rate 30] [--seed 7]`
 * Starts the sandbox network with the demo brands (the handles of the seeded demo organizations), an app-only
 * bearer token and one user token per brand, and optionally the traffic simulator. Ctrl-C stops both cleanly.
 */
const DEMO_BRANDS: SimulatorBrand[] = [
  { username: 'SkywardAir', kind: 'airline', language: 'mixed' },
  { username: 'SkywardCargo', kind: 'airline', language: 'fr' },
  { username: 'NorthwindCares', kind: 'telecom', language: 'en' },
];
const BEARER = 'sandbox-bearer-token';

// `pnpm run sandbox -- --port 4010` hands the script a literal leading `--`: drop it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    simulate: { type: 'boolean', default: false },
    rate: { type: 'string', default: '30' },
    seed: { type: 'string' },
    storm: { type: 'boolean', default: true },
    verbose: { type: 'boolean', default: false },
  },
  allowPositionals: false,
  allowNegative: true, // --no-storm
});

const port = Number(values.port);
const rate = Number(values.rate);
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
if (!(rate > 0)) throw new Error(`--rate: must be a positive number of posts per minute: ${values.rate}`);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed: not an integer: ${values.seed}`);

const sandbox = await createSandbox({
  port,
  host: values.host,
  seed,
  tokens: [{ token: BEARER }],
  ...(values.verbose ? { logger: createLogger('info') } : {}),
});
const lines = [`Sandbox network (X API stand-in) listening on ${sandbox.url}`, `  app-only bearer token: ${BEARER}`];
for (const brand of DEMO_BRANDS) {
  const account = sandbox.state.createAccount({
    username: brand.username,
    name: brand.username.replace(/([a-z])([A-Z])/g, '$1 $2'),
    followers: 250_000,
    verified: true,
    kind: 'brand',
  });
  const token = `sandbox-user-${brand.username}`;
  sandbox.state.registerToken(token, account.id);
  lines.push(`  @${brand.username}: user id ${account.id}, user token ${token}`);
}

const simulator = values.simulate
  ? startSimulator({
      sandboxUrl: sandbox.url,
      brands: DEMO_BRANDS,
      ratePerMinute: rate,
      seed,
      // An outage storm every 10 minutes for 2 minutes keeps the demo's wallboard lively.
      ...(values.storm ? { storm: { multiplier: 5, everyMinutes: 10, durationMinutes: 2 } } : {}),
    })
  : undefined;
if (simulator) lines.push(`  simulator: ${rate} posts/minute${seed === undefined ? '' : `, seed ${seed}`}`);
lines.push('  control plane: GET /sandbox/health, /sandbox/accounts, /sandbox/deliveries, POST /sandbox/faults …');
console.log(lines.join('\n'));

const statsTimer = simulator
  ? setInterval(() => {
      const s = simulator.stats();
      console.log(
        `simulator: ${s.posted} posts (${s.byLanguage.en} en, ${s.byLanguage.fr} fr), ${s.deleted} deleted, ` +
          `${s.errors} errors${s.stormActive ? ', OUTAGE STORM' : ''}`,
      );
    }, 60_000)
  : undefined;

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(statsTimer);
  await simulator?.stop();
  await sandbox.close();
  console.log('Sandbox stopped.');
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
