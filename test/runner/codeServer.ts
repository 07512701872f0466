// Starts the real VS Code (code-server's bundled VS Code 1.100.3) on loopback for tests and the demo.
import { spawn, ChildProcess } from 'child_process';
import * as net from 'net';
import * as fs from 'fs';
import * as path from 'path';
import { codeServerBin, freshDir } from './paths';

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  process: ChildProcess;
  /** Everything code-server printed, for diagnosing a failed start. */
  output(): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  port?: number;
  userDataDir?: string;
  extensionsDir?: string;
  /** Environment for the server and so for the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Leave workspace trust on (for Restricted Mode tests). */
  workspaceTrust?: boolean;
  /** Settings written to the user settings before start. */
  settings?: Record<string, unknown>;
  /** Forward server output to this process's stderr. */
  verbose?: boolean;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url + '/healthz');
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const port = opts.port ?? (await freePort());
  const userDataDir = opts.userDataDir ?? freshDir('user-data');
  const extensionsDir = opts.extensionsDir ?? freshDir('extensions');
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': opts.workspaceTrust ?? false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...opts.settings,
  };
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
  ];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  let log = '';
  const child = spawn(codeServerBin(), args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const onData = (d: Buffer) => {
    log += d.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    if (opts.verbose) process.stderr.write(d);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(url, child, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    process: child,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          // The server spawns extension hosts: end the whole process group.
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5000).unref();
      }),
  };
}

/** Installs a .vsix into the extensions folder of the same real VS Code. */
export function installVsix(vsixPath: string, extensionsDir: string, userDataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      codeServerBin(),
      ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsixPath],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`install failed (${code}): ${out}`))));
  });
}

/**
 * A fresh extensions folder whose manifest lists these extension folders, used where they are.
 * The web workbench takes one extensionDevelopmentPath from its payload (a second replaces the
 * first), so a second extension (a test consumer) is installed this way, as a user's extension.
 */
export function extensionsDirWith(folders: string[]): string {
  const dir = freshDir('extensions');
  const manifest = folders.map((folder) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    return { identifier: { id: `${pkg.publisher}.${pkg.name}` }, version: pkg.version, location: { $mid: 1, scheme: 'file', path: folder } };
  });
  fs.writeFileSync(path.join(dir, 'extensions.json'), JSON.stringify(manifest));
  return dir;
}
