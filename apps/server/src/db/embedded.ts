import fs from 'node:fs';
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** A tarball of the whole data directory (PGlite's dumpDataDir), to start other instances from it. */
  snapshot(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * Perch's embedded default: PostgreSQL compiled to WebAssembly (PGlite), its data in `dataDir` (or in memory
 * for `memory://`), served on a loopback socket so every part of Perch speaks the same `postgres://` protocol
 * to it as to a real server. One process by design (see ARCHITECTURE.md).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections = 10,
  /** Start from a snapshot instead of an empty cluster (skips initdb: ~2.5 s instead of ~5–10 s). */
  fromSnapshot?: Blob,
): Promise<EmbeddedPostgres> {
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, fromSnapshot ? { loadDataDir: fromSnapshot } : {});
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    snapshot: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
