import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_NODE_FLAGS, WORKER_NODE_FLAGS } from './server-process.ts';

describe('server processes', () => {
  it('the bench starts them as the deployed package scripts do: Node with the same V8 flags, no loader', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${WEB_NODE_FLAGS.join(' ')} src/main.ts`);
    // The demo (one process holding the embedded database) keeps V8's defaults: under the memory flags its
    // start-up metrics took 3× as long (docs/benchmarks.md, P11).
    expect(pkg.scripts['start:demo']).toBe('node src/main.ts --demo');
    expect(pkg.scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(' ')} src/worker-main.ts`);
  });
});
