import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI and browser tests run the compiled code: compile once before any test.
    globalSetup: ["tests/helpers/compile.ts"],
    setupFiles: ["tests/helpers/cleanup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
