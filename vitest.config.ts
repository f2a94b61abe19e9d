import { defineConfig } from 'vitest/config';

const json = process.env.SHIYU_TEST_JSON;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Two files at a time even on 2 CPUs: the tests wait on PostgreSQL and Chromium much of the time
    // (measured on 2 vCPUs: 687 s with one worker, 450 s with two, every test passing).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
