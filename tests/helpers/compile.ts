// Vitest global setup: compile src/ to lib/ so that tests spawning the CLI run the current code.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function compile(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
}
