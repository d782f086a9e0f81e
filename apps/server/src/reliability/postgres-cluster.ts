import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The PostgreSQL server a chaos run restarts. `private`: a throwaway cluster (initdb in a temporary directory, a
 * free port on 127.0.0.1, trust auth), so that restarting it disturbs nobody else on the machine; removed by
 * `dispose()`. `shared`: an existing server, restarted with a command (`pg_ctlcluster … restart`): everything
 * else connected to it sees the restarts too.
 */
export interface PostgresCluster {
  /** `postgres://…/postgres` on the server: where the scratch database is created. */
  serverUrl: string;
  describe: string;
  /** Restarts the server and resolves once it accepts connections again. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/** The highest installed version's binaries (Debian layout), or the directory of `pg_ctl` on PATH. */
export function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin/pg_ctl'))) return path.join(root, v, 'bin');
  }
  return '';
}

export async function startPrivateCluster(binDir: string, log: (line: string) => void): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  // initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres` user.
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(binDir, tool), ...args])
      : run(path.join(binDir, tool), args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perch-chaos-pg-'));
  if (asRoot) await run('chown', ['postgres:postgres', dir]);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  await pg('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const logFile = path.join(dir, 'postgres.log');
  await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  log(`private PostgreSQL on 127.0.0.1:${port} (${dataDir})`);
  return {
    serverUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    describe: `private cluster (${path.basename(path.dirname(binDir))}), port ${port}`,
    async restart() {
      // As `pg_ctlcluster restart` does: a fast shutdown (open transactions rolled back, sessions cut), then start.
      // With its log file: without -l the new postmaster would hold this process's output pipe open.
      await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-m', 'fast', '-w', '-t', '60', 'restart']);
    },
    async dispose() {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function sharedCluster(serverUrl: string, restartCommand: string): PostgresCluster {
  return {
    serverUrl,
    describe: `shared server ${new URL(serverUrl).host}, restarted with \`${restartCommand}\``,
    async restart() {
      await run('sh', ['-c', restartCommand]);
      const until = Date.now() + 60_000;
      const { default: pg } = await import('pg');
      for (;;) {
        const client = new pg.Client({ connectionString: serverUrl });
        try {
          await client.connect();
          await client.end();
          return;
        } catch (error) {
          if (Date.now() > until) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    async dispose() {},
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
