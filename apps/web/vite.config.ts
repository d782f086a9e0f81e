import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // `@/lib/...` = `src/lib/...` (bulletproof-react layout; same mapping in tsconfig.json `paths`).
    alias: [{ find: /^@\//, replacement: '/src/' }],
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline script: keep every script an external file.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each entry and lazy route needs (the P8 benchmark reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        // Named, long-cached vendor chunks. zod (via @perch/shared) is only used by lazy pages and stays out of them;
        // the zod-free `@perch/shared/vocabulary` goes wherever it is used (the inbox's first load).
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|wouter|regexparam)[\\/]/ },
            { name: 'data', test: /[\\/]node_modules[\\/](@tanstack|@trpc)[\\/]/ },
            // X's counting (twitter-text and its dependencies): loaded when a reply is written, by nothing else.
            {
              name: 'reply-text',
              test: /[\\/](packages[\\/]shared[\\/]src[\\/]reply-text\.ts$|node_modules[\\/](twitter-text|twemoji-parser|punycode|core-js|@babel[\\/]runtime)[\\/])/,
              priority: 10,
            },
            // Its own small chunk: otherwise it would join its importers' zod chunk below, or (same priority) the
            // reply-text chunk, which then loaded twitter-text with the inbox (+33 KiB on P8).
            { name: 'vocabulary', test: /[\\/]packages[\\/]shared[\\/]src[\\/]vocabulary\.ts$/, priority: 20 },
            {
              name: 'shared',
              test: /[\\/](packages[\\/]shared[\\/]src[\\/](?!vocabulary\.ts)|node_modules[\\/]zod[\\/])/,
            },
          ],
        },
      },
    },
  },
});
