import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. A machine with only Node skips them, saying so; CI
 * (STUDBOOK_REQUIRE_ALL_STORES) fails instead.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.STUDBOOK_REQUIRE_ALL_STORES) throw new Error(`${CHROMIUM} is missing: install Debian's chromium to run ${what}`);
  console.warn(`${CHROMIUM} is missing: skipping ${what}`);
  return false;
}

/** Headless Chromium as CI runs it: no sandbox (containers), no GPU, no calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A describe block whose tests share one headless Chromium (`browser()`), skipped (or failed in CI)
 * where Chromium is missing.
 */
export function describeInChromium(title: string, body: (browser: () => Browser) => void): void {
  const available = chromiumAvailable(`the browser tests of ${title}`);
  describe.skipIf(!available)(title, () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });
    body(() => browser!);
  });
}
