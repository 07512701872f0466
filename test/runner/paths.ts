// Where the test launchers find the extension, the real VS Code and their scratch space.
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';

/** The repo root: the nearest folder above this (bundled) file with our package.json. */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'twilio-credentials') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no twilio-credentials package.json above ${from}`);
  }
}
export const codeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';
export const cacheDir = process.env.TWILIO_CREDENTIALS_CACHE ?? path.join(os.homedir(), '.cache', 'twilio-credentials');

/** The code-server binary installed by scripts/install-code-server.sh, or one named in CODE_SERVER_BIN. */
export function codeServerBin(): string {
  const candidates = [
    process.env.CODE_SERVER_BIN,
    path.join(cacheDir, `code-server-${codeServerVersion}`, 'node_modules', '.bin', 'code-server'),
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `No code-server found (looked in ${candidates.join(', ')}). Run: bash scripts/install-code-server.sh`,
    );
  }
  return found;
}

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(p)) throw new Error(`Chromium not found at ${p}. Run: apt-get install chromium`);
  return p;
}

/** A fresh scratch folder for one run, removed by the caller. */
export function freshDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `twilio-credentials-${prefix}-`));
}

/** A fresh copy of a fixture workspace, so no run sees another's edits. */
export function copyFixtureWorkspace(name = 'workspace'): string {
  const src = path.join(repoRoot, 'test', 'fixtures', name);
  const dest = path.join(freshDir('ws'), name);
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}
