// Debian's Chromium driven by playwright-core (never a downloaded browser: none can be fetched here).
import { chromium, Browser } from 'playwright-core';
import { chromiumPath } from './paths';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
