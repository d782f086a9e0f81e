import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Run alone (`pnpm exec vitest run` here) or as the root's "web" project. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^@\//, replacement: '/src/' }],
  },
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/testing/setup.ts'],
    restoreMocks: true,
  },
});
