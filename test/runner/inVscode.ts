// Runs the in-host mocha suite (out/test/integration/index.js) inside the real VS Code served by
// code-server, the way VS Code's own browser integration tests do: the workbench page gets the
// extension under development and the tests module in its payload, and reports the extension
// host's console and exit code back through two exposed functions.
import * as path from 'path';
import * as fs from 'fs';
import * as util from 'util';
import { createHash } from 'crypto';
import type { Page } from 'playwright-core';
import { startCodeServer, CodeServer } from './codeServer';
import { launchChromium } from './browser';
import { repoRoot, copyFixtureWorkspace, freshDir } from './paths';

export interface InVscodeRun {
  /** Absolute path of the compiled tests module exporting run(). */
  testsModule: string;
  /** The extension under development (default: the repository). */
  extensionPath?: string;
  /** Extra environment for the extension host. */
  env?: NodeJS.ProcessEnv;
  workspace?: string;
  workspaceTrust?: boolean;
  /** An extensions folder holding other extensions, installed as a user's are (see extensionsDirWith). */
  extensionsDir?: string;
  timeoutMs?: number;
  /** Where to save a screenshot if the run fails or times out. */
  screenshotDir?: string;
  /** A JSON list of SHA-256 fingerprints of secrets the in-host audit used; the output must hold none. */
  auditFingerprints?: string;
}

/** Searches the run's output for any secret whose fingerprint the audit test left. */
function auditOutput(lines: string[], fingerprintFile: string): boolean {
  if (!fs.existsSync(fingerprintFile)) return true; // the audit test did not run (a file subset)
  const prints = new Set<string>(JSON.parse(fs.readFileSync(fingerprintFile, 'utf8')));
  let candidates = 0;
  const leaks = new Set<number>();
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/[A-Za-z0-9_.-]{20,}/g)) {
      // A secret may sit inside a longer run (a JWT's parts, say): try every split on . too.
      for (const token of [m[0], ...m[0].split('.')]) {
        candidates++;
        if (prints.has(createHash('sha256').update(token).digest('hex'))) leaks.add(i);
      }
    }
  });
  console.log(`Audit of the test output: ${lines.length} lines, ${candidates} token-shaped strings checked against ${prints.size} secrets: ${leaks.size} leaks.`);
  fs.rmSync(fingerprintFile, { force: true });
  return leaks.size === 0;
}

// The workbench's own chatter on an offline machine (gallery look-ups, socket set-up): not ours.
const NOISE = /open-vsx\.org|Creating a socket|connection token|\[Service Worker\]|additional builtin extensions|ChatSessionStore|workbench\.js:\d+/;

function isWorkbenchNoise(args: unknown): boolean {
  const first = Array.isArray(args) ? args[0] : args;
  return typeof first === 'string' && NOISE.test(first);
}

function remoteUri(server: CodeServer, p: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${p}`;
}

export function workbenchUrl(server: CodeServer, folder: string, payload: Array<[string, string]>): string {
  const q = new URLSearchParams({ folder, payload: JSON.stringify(payload) });
  return `${server.url}/?${q.toString()}`;
}

export async function runInVscode(run: InVscodeRun): Promise<number> {
  const workspace = run.workspace ?? copyFixtureWorkspace();
  const server = await startCodeServer({
    env: run.env,
    extensionsDir: run.extensionsDir,
    workspaceTrust: run.workspaceTrust,
    verbose: !!process.env.TWILIO_CREDENTIALS_VERBOSE,
  });
  const browser = await launchChromium();
  let page: Page | undefined;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const output: string[] = [];
    let settle!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      if (isWorkbenchNoise(args) && !process.env.TWILIO_CREDENTIALS_VERBOSE) return;
      // The host's console arguments, formatted as console.log would (mocha passes '%s' templates).
      const line = util.format(...(Array.isArray(args) ? args : [args]));
      output.push(line);
      if (type === 'error') console.error(line);
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', remoteUri(server, run.extensionPath ?? repoRoot)],
      ['extensionTestsPath', remoteUri(server, run.testsModule)],
      ['skipWelcome', 'true'],
    ];
    // The first load compiles the workbench's scripts: far slower than 30 s on a busy machine.
    await page.goto(workbenchUrl(server, workspace, payload), { timeout: 180_000 });
    const timeoutMs = run.timeoutMs ?? 20 * 60_000;
    const timer = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`The in-host tests did not finish within ${timeoutMs / 1000} s.`);
        resolve(2);
      }, timeoutMs).unref(),
    );
    let code = await Promise.race([exited, timer]);
    if (run.auditFingerprints && !auditOutput(output, run.auditFingerprints)) code = code || 1;
    if (code !== 0 && run.screenshotDir) {
      fs.mkdirSync(run.screenshotDir, { recursive: true });
      const file = path.join(run.screenshotDir, `failure-${Date.now()}.png`);
      await page.screenshot({ path: file }).catch(() => undefined);
      console.error(`Screenshot of the workbench: ${file}`);
    }
    if (code !== 0 && !process.env.TWILIO_CREDENTIALS_VERBOSE) {
      console.error('--- code-server output (tail) ---\n' + server.output().slice(-4000));
    }
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    fs.rmSync(server.userDataDir, { recursive: true, force: true });
    fs.rmSync(server.extensionsDir, { recursive: true, force: true });
  }
}

export { freshDir };
