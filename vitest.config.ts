import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests compile firmware the device way (TypeScript → rollup → terser); a build takes a moment.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
