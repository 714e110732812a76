// Vitest global setup: compile src/ to lib/ and bundle the CLI (npm run compile), so that tests
// spawning the CLI run the current code, as users run it.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function compile(): void {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  execFileSync("npm", ["run", "compile", "--silent"], { cwd: root, stdio: "inherit" });
}
