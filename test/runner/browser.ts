// Debian's Chromium driven by playwright-core (never a downloaded browser: none can be fetched here).
import { chromium, Browser, BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

/** Chromium with its profile (IndexedDB, where the web workbench keeps its state) in `profileDir`. */
export function launchPersistentChromium(profileDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath(), headless: true, args: ARGS, viewport });
}
