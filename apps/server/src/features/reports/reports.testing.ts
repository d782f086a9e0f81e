import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DbOrTx } from '../../db/database.ts';
import { useSmtpSettings } from './smtp-settings.ts';

/** A real SMTP server on a loopback port, keeping every message it accepts (raw), for tests. */
export interface SmtpSink {
  url: string;
  messages: { to: string[]; raw: Buffer }[];
  /** Resolves once `count` messages have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(auth?: { user: string; pass: string }): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(a, _session, callback) {
      if (auth && a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test file's process ends when its tests do: the sink never holds it open.
  server.server.unref();
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReportsFixture {
  /** A daily CSV report of the tenant's first brand. */
  reportId: string;
}

const fixtures = new Map<string, ReportsFixture>();
let sharedSink: Promise<SmtpSink> | null = null;

/**
 * Test support for the security suites: SMTP configured (a shared local sink, so "create" and "Send now" succeed
 * as they would in production) and one report per tenant, created once.
 */
export async function reportsSetup({ db }: { db: DbOrTx }, own: { organizationId: string; brandIds: string[] }) {
  sharedSink ??= startSmtpSink();
  useSmtpSettings({ url: (await sharedSink).url, from: 'Perch <reports@perch.test>' });
  if (fixtures.has(own.organizationId)) return;
  const row = await db.scheduledReport.create({
    data: {
      organizationId: own.organizationId,
      name: 'Fixture daily report',
      frequency: 'daily',
      hour: 8,
      timeZone: 'Europe/Paris',
      recipients: ['lead@perch.test'],
      filters: { brandIds: [own.brandIds[0]!] },
      format: 'csv',
      nextRunAt: new Date(Date.now() + 86_400_000),
    },
    select: { id: true },
  });
  fixtures.set(own.organizationId, { reportId: row.id });
}

export function reportsFixtureOf(tenant: { organizationId: string }): ReportsFixture {
  const fixture = fixtures.get(tenant.organizationId);
  if (!fixture) throw new Error('no reports fixture for this tenant: await the sample setup first');
  return fixture;
}
