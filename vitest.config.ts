import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: keep the pool small so store tests against PostgreSQL do not starve each other.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI asks for a JSON report to print its closing "N passed, N failed" line.
    reporters: process.env.GROUNDTRUTH_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.GROUNDTRUTH_TEST_REPORT ? { json: process.env.GROUNDTRUTH_TEST_REPORT } : undefined,
  },
});
