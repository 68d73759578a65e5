import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const protocol = fileURLToPath(new URL('./protocol/src/index.ts', import.meta.url));
const integration = ['server/src/**/*.int.test.ts', 'tests/**/*.int.test.ts'];

/**
 * Projects: `unit` (no services), the integration suite once per PostgreSQL
 * (`pg-embedded`: Parta's own embedded server; `pg-system`: the machine's
 * PostgreSQL at PARTA_TEST_SYSTEM_PG), and `e2e` (Chromium against a built,
 * running server). `scripts/test.mjs` decides which ones this machine can run.
 */
export default defineConfig({
  resolve: { alias: { '@parta/protocol': protocol } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{server,protocol,web}/src/**/*.test.ts'], exclude: integration },
      },
      ...(['pg-embedded', 'pg-system'] as const).map((name) => ({
        extends: true,
        test: {
          name,
          include: integration,
          globalSetup: ['server/src/test/global-setup.ts'],
          setupFiles: ['server/src/test/setup-integration.ts'],
        },
      })),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
