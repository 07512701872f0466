// The gate to workspace files over a hostile temporary workspace, for each purpose: a link to a
// file outside, a folder linked outside, a FIFO, a link to /dev/zero, a 50 MB file, a UTF-16 file,
// paths the ignore file, the exclude setting and the folders never looked in leave out. The finder
// here behaves as VS Code's file search does at its worst (follows every link, lists pipes and
// devices), so what is refused is refused by the gate itself. A plain file beside them holds the
// same token, so each check can fail.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { matchesAnyGlob, scanBytes } from '../../../src/core/detection';
import { FILE_LIMITS } from '../../../src/core/util/fileLimits';
import { linesOf, WorkspaceFiles, type ScanItem, type WorkspaceHost } from '../../../src/workspace/files/workspaceFiles';
import { checkPlacement, SafeFsError, updateGuarded, writeGuarded } from '../../../src/workspace/files/safeFs';
import { readEnvFile } from '../../../src/workspace/dotenv/envFile';
import { fakeAuthToken } from '../../support/fakeCredentials';

const KINDS = {
  'a link to a file outside the workspace': ['link-out.js', 'env-link-out/.env'],
  'a file in a folder linked outside the workspace': ['dir-out/config.js', 'dir-out/.env'],
  'a FIFO': ['pipe.js', 'env-pipe/.env'],
  'a link to /dev/zero': ['zero.js', 'env-zero/.env'],
  'a 50 MB file': ['big.js', 'env-big/.env'],
  'a UTF-16 file': ['utf16.js', 'env-utf16/.env'],
  'a binary file': ['image.js', 'env-binary/.env'],
  'a path the ignore file names': ['ignored/config.js', 'ignored/.env'],
  'a path the exclude setting names': ['excluded/config.js', 'excluded/.env'],
  'a folder never looked in': ['node_modules/pkg/config.js', 'node_modules/pkg/.env'],
} as const;
type Kind = keyof typeof KINDS;
const CONTROL = ['control/config.js', 'control/.env'];

/** Every entry under `dir` that is not a folder, following links into folders as ripgrep --follow does. */
function listFollowingLinks(dir: string, seen = new Set<string>()): string[] {
  const real = fs.realpathSync(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  return fs.readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return [p];
    }
    return st.isDirectory() ? listFollowingLinks(p, seen) : [p];
  });
}

describe('the gate to workspace files, over a hostile workspace', function () {
  this.timeout(60_000);
  let ws: string;
  let outside: string;
  let token: string;
  let exclude: string[];
  let finderCalls: Array<{ glob: string; max: number }>;
  const host: WorkspaceHost = {
    roots: () => [ws],
    async find(glob, _exclude, max) {
      finderCalls.push({ glob, max });
      // The worst finder: ignores `exclude`, follows links, lists pipes and devices.
      return listFollowingLinks(ws).filter((p) => matchesAnyGlob(path.relative(ws, p).split(path.sep).join('/'), [glob])).slice(0, max);
    },
    excludeGlobs: () => exclude,
    maxScanBytes: () => FILE_LIMITS.maxFileBytes,
  };
  const gate = () => new WorkspaceFiles(host);
  const abs = (rel: string) => path.join(ws, rel);
  const sourceText = () => `const authToken = '${token}';\n`;
  const envText = () => `TWILIO_AUTH_TOKEN=${token}\n`;
  const textFor = (rel: string) => (path.basename(rel).startsWith('.env') ? envText() : sourceText());

  beforeEach(() => {
    ws = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-gate-ws-')));
    outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-gate-out-')));
    token = fakeAuthToken();
    exclude = ['excluded/**'];
    finderCalls = [];
    const write = (file: string, data: string | Buffer) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    };
    const link = (target: string, at: string) => {
      fs.mkdirSync(path.dirname(at), { recursive: true });
      fs.symlinkSync(target, at);
    };
    write(path.join(outside, 'secret.js'), sourceText());
    write(path.join(outside, 'secret.env'), envText());
    write(path.join(outside, 'folder', 'config.js'), sourceText());
    write(path.join(outside, 'folder', '.env'), envText());
    link(path.join(outside, 'secret.js'), abs('link-out.js'));
    link(path.join(outside, 'secret.env'), abs('env-link-out/.env'));
    link(path.join(outside, 'folder'), abs('dir-out'));
    for (const rel of KINDS['a FIFO']) {
      fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
      execFileSync('mkfifo', [abs(rel)]);
    }
    for (const rel of KINDS['a link to /dev/zero']) link('/dev/zero', abs(rel));
    for (const rel of KINDS['a 50 MB file']) {
      write(abs(rel), textFor(rel));
      fs.truncateSync(abs(rel), 50 * 1024 * 1024); // sparse: the token first, then 50 MB of NULs
    }
    for (const rel of KINDS['a UTF-16 file']) write(abs(rel), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(textFor(rel), 'utf16le')]));
    // A PNG's signature and NULs, then the token: not text, and not valid UTF-8 either.
    for (const rel of KINDS['a binary file']) write(abs(rel), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from(textFor(rel))]));
    for (const rel of [...KINDS['a path the ignore file names'], ...KINDS['a path the exclude setting names'], ...KINDS['a folder never looked in'], ...CONTROL]) write(abs(rel), textFor(rel));
    write(abs('.twilio-credentials-ignore'), 'ignored/**\n');
  });

  afterEach(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function all(items: AsyncIterable<ScanItem>): Promise<ScanItem[]> {
    const out: ScanItem[] = [];
    for await (const item of items) out.push(item);
    return out;
  }

  /** The files Scan Workspace would report findings in: the gate's bytes, judged as the editor does. */
  async function scanned(): Promise<string[]> {
    const { files } = await gate().sourceFilesToScan();
    const withFindings = (i: ScanItem) => {
      const findings = i.bytes && scanBytes(i.bytes, i.rel, { maxFileSize: FILE_LIMITS.maxFileBytes });
      return Array.isArray(findings) && findings.length > 0;
    };
    return (await all(files)).filter(withFindings).map((i) => i.rel);
  }

  describe('envFiles: the .env files the index, the picker and rotation use', () => {
    it('gives the plain .env, the binary and the UTF-16 one (regular files, refused when read), nothing else', async () => {
      const found = await gate().envFiles();
      assert.deepEqual(found.map((f) => f.rel), ['control/.env', 'env-binary/.env', 'env-utf16/.env']);
      assert.deepEqual(finderCalls.map((c) => c.max), [FILE_LIMITS.maxEnvFiles]);
      const read = await Promise.all(found.map((f) => readEnvFile(f.path, { roots: [f.root], label: f.rel })));
      assert.deepEqual(read.map((r) => (r.kind === 'parsed' ? r.assignments.map((a) => a.name) : r.kind)), [['TWILIO_AUTH_TOKEN'], 'error', 'error']);
      assert.ok(read.every((r) => !JSON.stringify(r).includes(token) || r.kind === 'parsed'), 'a refusal never carries the value');
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      if (kind === 'a UTF-16 file' || kind === 'a binary file') continue;
      it(`${kind}: not given, and not admitted when a watcher names it`, async () => {
        const rel = KINDS[kind][1];
        assert.ok(!(await gate().envFiles()).some((f) => f.rel === rel));
        assert.equal(await gate().envFile(abs(rel)), undefined);
      });
    }
    it('admits the plain .env a watcher names, and nothing that is not a .env* file', async () => {
      assert.equal((await gate().envFile(abs('control/.env')))?.rel, 'control/.env');
      assert.equal(await gate().envFile(abs('control/config.js')), undefined);
    });
  });

  describe('sourceFilesToScan: what Scan Workspace reads', () => {
    it('findings only in the plain files', async () => {
      assert.deepEqual((await scanned()).sort(), ['control/.env', 'control/config.js']);
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind}: never read past the gate (left out, or given with a reason and no bytes)`, async () => {
        const { files } = await gate().sourceFilesToScan();
        const items = (await all(files)).filter((i) => (KINDS[kind] as readonly string[]).includes(i.rel));
        const expected: Partial<Record<Kind, string>> = {
          'a link to a file outside the workspace': 'symlink',
          'a file in a folder linked outside the workspace': 'symlink',
          'a FIFO': 'not-regular',
          'a link to /dev/zero': 'symlink',
          'a 50 MB file': 'too-large',
        };
        if (kind === 'a UTF-16 file') assert.ok(items.every((i) => i.bytes && scanBytes(i.bytes, i.rel, { maxFileSize: FILE_LIMITS.maxFileBytes }) === 'utf16'));
        else if (kind === 'a binary file') assert.deepEqual(items.map((i) => i.bytes && scanBytes(i.bytes, i.rel, { maxFileSize: FILE_LIMITS.maxFileBytes })), ['binary', 'binary']);
        else if (expected[kind]) assert.deepEqual(items.map((i) => [i.refused, i.bytes]), KINDS[kind].map(() => [expected[kind], undefined]));
        else assert.deepEqual(items, [], 'left out: not given at all');
      });
    }
    it('skips the files the caller has in hand, and stops when cancelled', async () => {
      const { files } = await gate().sourceFilesToScan({ skip: (f) => f === abs('control/config.js') });
      assert.ok(!(await all(files)).some((i) => i.rel === 'control/config.js'));
      const cancel = { isCancellationRequested: true };
      const stopped = await gate().sourceFilesToScan({ cancel });
      assert.deepEqual(await all(stopped.files), []);
    });
    it('says when the finder stopped at the table’s limit', async () => {
      const many = new WorkspaceFiles({ ...host, find: async (_g, _e, max) => Array.from({ length: max }, (_, i) => abs(`missing/${i}.js`)) });
      const r = await many.sourceFilesToScan();
      assert.equal(r.total, FILE_LIMITS.maxFiles);
      assert.equal(r.truncated, true);
      assert.equal(finderCalls.length, 0);
      const first = await many.sourceFilesToScan({ cancel: { isCancellationRequested: true } });
      assert.deepEqual(await all(first.files), []);
      const one = new WorkspaceFiles({ ...host, find: async () => [abs('missing/folder/gone.js')] });
      assert.deepEqual(await all((await one.sourceFilesToScan()).files), [], 'a file deleted since it was found is not given');
      assert.equal((await one.sourceFilesToScan()).truncated, false);
    });
  });

  describe('filesHoldingValue: where a rotated Auth Token is still written', () => {
    it('lists only the plain files, with their lines', async () => {
      const places = await gate().filesHoldingValue(token);
      assert.deepEqual(places.map((p) => `${p.rel}:${p.line}`).sort(), ['control/.env:1', 'control/config.js:1']);
    });
    for (const kind of Object.keys(KINDS) as Kind[]) {
      it(`${kind}: not listed`, async () => {
        const places = await gate().filesHoldingValue(token);
        assert.ok(!places.some((p) => (KINDS[kind] as readonly string[]).includes(p.rel)), JSON.stringify(places.map((p) => p.rel)));
      });
    }
    it('searches the text in hand (an unsaved editor) instead of the file, and stops at the limit', async () => {
      const inHand = (f: string) => (f === abs('control/config.js') ? `// moved\n\nx = '${token}'` : undefined);
      const places = await gate().filesHoldingValue(token, { inHand });
      assert.ok(places.some((p) => p.rel === 'control/config.js' && p.line === 3), JSON.stringify(places));
      assert.equal((await gate().filesHoldingValue(token, { limit: 1 })).length, 1);
      assert.deepEqual(await gate().filesHoldingValue(token, { limit: 0 }), []);
    });
  });

  describe('checkDocument: a file the editor is asked to open by name', () => {
    it('lets the plain file through', () => {
      gate().checkDocument(abs('control/config.js'));
    });
    for (const kind of ['a link to a file outside the workspace', 'a file in a folder linked outside the workspace', 'a FIFO', 'a link to /dev/zero', 'a 50 MB file'] as const) {
      it(`${kind}: refused before it is opened`, () => {
        assert.throws(() => gate().checkDocument(abs(KINDS[kind][0])), SafeFsError);
      });
    }
    it('a file outside every workspace folder is refused', () => {
      assert.throws(() => gate().checkDocument(path.join(outside, 'secret.js')), (e: unknown) => e instanceof SafeFsError && e.reason === 'outside');
    });
  });

  describe('a look through many files checks each folder once', () => {
    const isLink = (e: unknown) => e instanceof SafeFsError && e.reason === 'symlink';
    it('a folder found in place is no pass for what is in it: a linked file beside a checked one, a linked folder below it', () => {
      const checkedFolders = new Set<string>();
      assert.equal(checkPlacement(abs('control/config.js'), { roots: [ws], checkedFolders }).exists, true);
      assert.ok(checkedFolders.has(abs('control')));
      fs.symlinkSync(path.join(outside, 'secret.js'), abs('control/linked.js'));
      fs.symlinkSync(path.join(outside, 'folder'), abs('control/sub'));
      assert.throws(() => checkPlacement(abs('control/linked.js'), { roots: [ws], checkedFolders }), isLink);
      assert.throws(() => checkPlacement(abs('control/sub/config.js'), { roots: [ws], checkedFolders }), isLink);
      assert.ok(!checkedFolders.has(abs('control/sub')));
    });
    it('a write given the look’s folders checks every folder again: one swapped for a link outside is refused', async () => {
      const checkedFolders = new Set<string>();
      checkPlacement(abs('control/config.js'), { roots: [ws], checkedFolders });
      fs.renameSync(abs('control'), abs('control-before'));
      fs.symlinkSync(path.join(outside, 'folder'), abs('control'));
      const expected = Buffer.from(sourceText());
      await assert.rejects(writeGuarded(abs('control/config.js'), 'overwritten', { roots: [ws], checkedFolders, mode: 0o644, expected }), isLink);
      await assert.rejects(
        updateGuarded(abs('control/config.js'), () => ({ data: 'overwritten', mode: 0o644, value: undefined }), { roots: [ws], checkedFolders }),
        isLink,
      );
      assert.equal(fs.readFileSync(path.join(outside, 'folder', 'config.js'), 'utf8'), sourceText(), 'the file outside is unchanged');
    });
  });

  it('an ignore file linked to /dev/zero is refused, not read, and leaves nothing out', async () => {
    fs.rmSync(abs('.twilio-credentials-ignore'));
    fs.symlinkSync('/dev/zero', abs('.twilio-credentials-ignore'));
    const places = await gate().filesHoldingValue(token);
    assert.ok(places.some((p) => p.rel === 'ignored/config.js'));
  });
});

describe('linesOf', () => {
  it('counts LF, CRLF and lone CR as line ends, each place once', () => {
    assert.deepEqual(linesOf('a\nb X\r\nc\rX X', 'X'), [2, 4, 4]);
    assert.deepEqual(linesOf('XX', 'X'), [1, 1]);
    assert.deepEqual(linesOf('none', 'X'), []);
  });
});
