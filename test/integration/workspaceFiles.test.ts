// A hostile workspace in a real VS Code, for each purpose the extension finds and reads workspace
// files for: the source files Scan Workspace reads, the `.env` files it offers, indexes and
// rewrites, and the files a rotated Auth Token is looked for in. Each purpose meets the same files:
// a link to a file outside the workspace, a link to a folder outside it, a FIFO, a link to
// /dev/zero, a 50 MB file, a UTF-16 file, a binary file, and a path the ignore file or the exclude setting
// leaves out; a plain file beside them holds the same token, so every check can fail.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { cleanSlate, connectEmulator, runOurs, testing, waitFor, workspaceRoot } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import type { Emulator } from '../emulator/server';
import type { RotateAuthTokenResult } from '../../src/features/authToken/rotateAuthToken';

const BASE = 'hostile';
const BIG = 50 * 1024 * 1024;

/** The hostile kinds, each as a source file and as a `.env` (paths relative to the workspace). */
const KINDS = {
  'a symbolic link to a file outside the workspace': { source: `${BASE}/link-out.js`, env: `${BASE}/env-link-out/.env` },
  'a file inside a folder that links outside the workspace': { source: `${BASE}/dir-out/config.js`, env: `${BASE}/dir-out/.env` },
  'a FIFO': { source: `${BASE}/pipe.js`, env: `${BASE}/env-pipe/.env` },
  'a symbolic link to /dev/zero': { source: `${BASE}/zero.js`, env: `${BASE}/env-zero/.env` },
  'a 50 MB file': { source: `${BASE}/big.js`, env: `${BASE}/env-big/.env` },
  'a UTF-16 file': { source: `${BASE}/utf16.js`, env: `${BASE}/env-utf16/.env` },
  'a binary file': { source: `${BASE}/image.js`, env: `${BASE}/env-binary/.env` },
  'a path the ignore file names': { source: `${BASE}/ignored/config.js`, env: `${BASE}/ignored/.env` },
  'a path the exclude setting names': { source: `${BASE}/excluded/config.js`, env: `${BASE}/excluded/.env` },
} as const;
type Kind = keyof typeof KINDS;
const CONTROL = { source: `${BASE}/control/config.js`, env: `${BASE}/control/.env` };

const IGNORE_FILE = '.twilio-credentials-ignore';
const sourceText = (token: string) => `const authToken = '${token}';\n`;
const envText = (token: string) => `TWILIO_AUTH_TOKEN=${token}\n`;

interface Layout {
  outside: string;
  /** What each regular file held when written (absolute path → bytes), to show nothing rewrote it. */
  written: Map<string, Buffer>;
}

/** The regular files behind a kind (inside the workspace or where its links lead), as written. */
function filesOf(layout: Layout, kind: Kind): Array<[string, Buffer]> {
  const outside = {
    'a symbolic link to a file outside the workspace': ['secret.js', 'secret.env'],
    'a file inside a folder that links outside the workspace': ['folder/config.js', 'folder/.env'],
  } as Partial<Record<Kind, string[]>>;
  const files = [...Object.values(KINDS[kind]).map((rel) => path.join(workspaceRoot(), rel)), ...(outside[kind] ?? []).map((rel) => path.join(layout.outside, rel))];
  return [...layout.written].filter(([file]) => files.includes(file));
}

/** Writes every hostile kind, the control files and the outside files, all holding `token`. */
function writeLayout(token: string): Layout {
  const root = workspaceRoot();
  const abs = (rel: string) => path.join(root, rel);
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-hostile-')));
  const written = new Map<string, Buffer>();
  const write = (file: string, bytes: Buffer | string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    written.set(file, Buffer.from(bytes));
  };
  const link = (target: string, at: string) => {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at);
  };
  write(path.join(outside, 'secret.js'), sourceText(token));
  write(path.join(outside, 'secret.env'), envText(token));
  write(path.join(outside, 'folder', 'config.js'), sourceText(token));
  write(path.join(outside, 'folder', '.env'), envText(token));
  link(path.join(outside, 'secret.js'), abs(KINDS['a symbolic link to a file outside the workspace'].source));
  link(path.join(outside, 'secret.env'), abs(KINDS['a symbolic link to a file outside the workspace'].env));
  link(path.join(outside, 'folder'), abs(`${BASE}/dir-out`));
  for (const p of Object.values(KINDS['a FIFO'])) {
    fs.mkdirSync(path.dirname(abs(p)), { recursive: true });
    execFileSync('mkfifo', [abs(p)]);
  }
  for (const p of Object.values(KINDS['a symbolic link to /dev/zero'])) link('/dev/zero', abs(p));
  const padding = Buffer.alloc(BIG, 0x0a);
  write(abs(KINDS['a 50 MB file'].source), Buffer.concat([Buffer.from(sourceText(token)), padding]));
  write(abs(KINDS['a 50 MB file'].env), Buffer.concat([Buffer.from(envText(token)), padding]));
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  write(abs(KINDS['a UTF-16 file'].source), utf16(sourceText(token)));
  write(abs(KINDS['a UTF-16 file'].env), utf16(envText(token)));
  // A PNG's signature and NULs before the token: neither text nor valid UTF-8.
  const binary = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(text)]);
  write(abs(KINDS['a binary file'].source), binary(sourceText(token)));
  write(abs(KINDS['a binary file'].env), binary(envText(token)));
  for (const kind of ['a path the ignore file names', 'a path the exclude setting names', 'control'] as const) {
    const p = kind === 'control' ? CONTROL : KINDS[kind];
    write(abs(p.source), sourceText(token));
    write(abs(p.env), envText(token));
  }
  return { outside, written };
}

function removeLayout(layout: Layout | undefined): void {
  fs.rmSync(path.join(workspaceRoot(), BASE), { recursive: true, force: true });
  fs.rmSync(path.join(workspaceRoot(), IGNORE_FILE), { force: true });
  if (layout) fs.rmSync(layout.outside, { recursive: true, force: true });
}

const settings = () => vscode.workspace.getConfiguration('twilioCredentials');

/** Workspace-relative paths (under BASE) that have a diagnostic of ours. */
function pathsWithFindings(): string[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([, ds]) => ds.some((d) => d.source === 'Twilio Credentials'))
    .map(([uri]) => vscode.workspace.asRelativePath(uri, false))
    .filter((rel) => rel.startsWith(`${BASE}/`));
}

/** True when `label` (a path, maybe with `:line` or ` (reason)` after it) is the file `rel`. */
const names = (label: string, rel: string) => label === rel || label.startsWith(`${rel}:`) || label.startsWith(`${rel} `);

describe('Hostile workspace files, for each purpose', function () {
  this.timeout(180_000);
  let layout: Layout | undefined;
  let em: Emulator;
  let ui: ScriptedUi | undefined;
  let found: string[] = [];
  let offered: string[] = [];
  let indexed: string[] = [];
  let rotation: RotateAuthTokenResult | undefined;

  before(async () => {
    const slate = await cleanSlate();
    em = slate.em;
    await connectEmulator(em);
    // The ignore file first, and wait until the editor follows it: an open document in the ignored
    // path loses its finding. (Every purpose below must then honour it too.)
    const probe = path.join(workspaceRoot(), BASE, 'ignored', 'probe.js');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(probe, sourceText(em.authToken));
    const doc = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
    const ours = () => vscode.languages.getDiagnostics(doc.document.uri).filter((d) => d.source === 'Twilio Credentials');
    await waitFor(() => ours().length > 0, 'a finding in the probe before the ignore file exists', 30_000);
    fs.writeFileSync(path.join(workspaceRoot(), IGNORE_FILE), `${BASE}/ignored/**\n`);
    await waitFor(() => ours().length === 0, 'the ignore file to be followed', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    layout = writeLayout(em.authToken);
    await settings().update('detection.exclude', [`${BASE}/excluded/**`], vscode.ConfigurationTarget.Workspace);
    // Each purpose, run once through what a user does; the `it`s below read what it did.
    found = [];
    const summary = await vscode.commands.executeCommand<{ scanned: number }>('twilioCredentials.scanWorkspace');
    assert.ok(summary.scanned >= 1, 'the scan ran');
    found = pathsWithFindings();

    const t = await testing(); // the .env target picker: not yet behind the driver
    ui = scriptUi().pick((items) => {
      offered = items.map((i) => i.label.replace(/^\$\([^)]*\)\s*/, ''));
      return undefined;
    });
    await t.envWriter.pickTarget();
    ui.restore();

    ui = scriptUi().message(undefined); // rotation: everything up to the promotion, which is declined
    rotation = await runOurs<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: em.accountSid });
    ui.restore();
    indexed = t.envIndex.all().map((f) => f.label);
  });

  after(async () => {
    ui?.restore();
    await settings().update('detection.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    removeLayout(layout);
  });

  describe('source files to scan (Scan Workspace)', () => {
    it('the plain file beside them is scanned (so the checks below can fail)', () => {
      assert.ok(found.includes(CONTROL.source), JSON.stringify(found));
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind}: no finding`, () => {
        assert.ok(!found.some((p) => names(p, KINDS[kind].source) || names(p, KINDS[kind].env)), JSON.stringify(found));
      });
    }
  });

  describe('.env files (the picker, the index, rotation’s updates)', () => {
    it('the plain .env beside them is offered, indexed and updated', () => {
      assert.strictEqual(rotation?.stoppedAt, undefined, rotation?.state);
      assert.ok(offered.includes(CONTROL.env), JSON.stringify(offered));
      assert.ok(indexed.includes(CONTROL.env), JSON.stringify(indexed));
      assert.ok(rotation?.envFilesUpdated.includes(CONTROL.env), JSON.stringify(rotation?.envFilesUpdated));
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind}: not offered, not indexed, not rewritten`, () => {
        const rel = KINDS[kind].env;
        // A regular file inside the workspace that cannot be used (not UTF-8) may be offered and
        // indexed as unreadable; a link, a pipe, a device, a huge file or a left-out path is not.
        const usable = kind === 'a UTF-16 file' || kind === 'a binary file';
        const failures = [
          !usable && offered.includes(rel) && 'the .env picker offers it',
          !usable && indexed.includes(rel) && 'the .env index holds it',
          rotation?.envFilesUpdated.some((l) => names(l, rel)) && 'rotation says it updated it',
          ...filesOf(layout!, kind).map(([file, bytes]) => !fs.readFileSync(file).equals(bytes) && `${file} was rewritten`),
        ].filter(Boolean);
        assert.deepStrictEqual(failures, []);
      });
    }
  });

  describe('files holding a value (where a rotated Auth Token is still written)', () => {
    it('the plain file beside them is listed', () => {
      assert.ok(rotation?.stillHardcoded.includes(`${CONTROL.source}:1`), JSON.stringify(rotation?.stillHardcoded));
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind}: not listed`, () => {
        const { source, env } = KINDS[kind];
        assert.ok(!rotation?.stillHardcoded.some((l) => names(l, source) || names(l, env)), JSON.stringify(rotation?.stillHardcoded));
      });
    }
  });
});
