// Debian's chromium, headless, driven by playwright-core: the browser the browser tests run in.

import { chromium } from "playwright-core";

/** Flags that keep a test browser from reaching the network on its own. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Starts a headless Chromium; close it when done.
 * @returns {Promise<import("playwright-core").Browser>}
 */
export function launchChromium() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
}
