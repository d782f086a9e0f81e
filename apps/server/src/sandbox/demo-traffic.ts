import type { Db } from '../db/database.ts';
import { brandsWithHandles } from '../features/channels/channels.repository.ts';
import { DEMO_CONSUMER_SECRET, ensureSandboxChannel, sandboxUserToken } from '../features/channels/demo-channels.ts';
import type { Logger } from '../logger.ts';
import { DEMO_ORGS } from '../seed/demo.ts';
import { createSandbox } from './sandbox-server.ts';
import { startSimulator, type SimulatorBrand } from './simulator.ts';

export interface DemoTrafficOptions {
  db: Db;
  secretKey: Buffer;
  /** Where the sandbox delivers webhooks: this Perch server. */
  publicUrl: string;
  sandboxPort: number;
  /** Simulated mentions per minute; 0 runs the sandbox and registers the channels but posts nothing (e2e). */
  ratePerMinute: number;
  log: Logger;
}

/**
 * Makes the demo alive: starts the sandbox X network, gives each demo brand a sandbox account and an X channel in
 * Perch, registers Perch's webhook (the sandbox checks it with a CRC challenge), and runs the simulator. From then
 * on, mentions reach Perch exactly as they would from X: signed webhook deliveries.
 */
export async function startDemoTraffic(opts: DemoTrafficOptions) {
  const sandbox = await createSandbox({ port: opts.sandboxPort, host: '127.0.0.1' });
  const api = async (path: string, body: object) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const brands = await brandsWithHandles(
    opts.db,
    DEMO_ORGS.map((o) => o.slug),
  );
  const simulated: SimulatorBrand[] = [];
  for (const brand of brands) {
    const handle = brand.handle!;
    const account = await api('/sandbox/accounts', {
      username: handle,
      name: brand.name,
      followers: 250_000,
      verified: true,
      kind: 'brand',
      // The brand's user token: Perch's replies are posted with it (the channel's accessToken).
      token: sandboxUserToken(handle),
    });
    const channelId = await ensureSandboxChannel(
      opts.db,
      opts.secretKey,
      { ...brand, handle },
      account.id,
      sandbox.url,
    );
    await api('/sandbox/webhooks', {
      url: `${opts.publicUrl}/webhooks/x/${channelId}`,
      consumerSecret: DEMO_CONSUMER_SECRET,
      forUserId: account.id,
    });
    simulated.push({
      username: handle,
      kind: /cargo|air/i.test(brand.name) ? 'airline' : 'telecom',
      language: brand.locale === 'fr' ? 'mixed' : 'en',
    });
  }
  const simulator =
    opts.ratePerMinute > 0
      ? startSimulator({
          sandboxUrl: sandbox.url,
          brands: simulated,
          ratePerMinute: opts.ratePerMinute,
          storm: { multiplier: 20, everyMinutes: 30, durationMinutes: 2 },
        })
      : null;
  opts.log.info(
    { sandbox: sandbox.url, brands: simulated.map((b) => b.username), simulator: simulator !== null },
    simulator ? 'demo traffic: sandbox and simulator running' : 'demo traffic: sandbox running, simulator off',
  );
  return {
    url: sandbox.url,
    async stop() {
      await simulator?.stop();
      await sandbox.close();
    },
  };
}
