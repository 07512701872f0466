// `npm run test:integration [-- files…]`: the in-host suite in a real VS Code.
// Uses @vscode/test-electron when a desktop VS Code is given (VSCODE_EXECUTABLE) or asked for
// (TWILIO_CREDENTIALS_USE_ELECTRON=1, which downloads one where the network allows);
// otherwise the code-server route (docs/real-vscode.md), which works offline.
import * as path from 'path';
import * as fs from 'fs';
import { runInVscode } from './inVscode';
import { runWithElectron, electronWanted } from './electron';
import { repoRoot, copyFixtureWorkspace, freshDir } from './paths';
import { extensionsDirWith } from './codeServer';

/**
 * Other extensions installed beside this one in the trusted run: another extension that runs
 * every command with every argument shape (test/integration/otherExtensions.test.ts).
 */
const OTHER_EXTENSIONS = [path.join(repoRoot, 'test', 'fixtures', 'hostile-extension')];

/**
 * The extension as it is, but for the activation suite: its manifest without `onStartupFinished`
 * (symbolic links to everything else). That event activates the extension shortly after every
 * start, so where it is declared, "opening the view activates it" could never fail; here only
 * what the suite does (open the view) can activate it.
 */
function withoutStartupEvent(): string {
  const dir = freshDir('ext');
  for (const entry of fs.readdirSync(repoRoot)) {
    if (entry !== 'package.json' && entry !== '.git') fs.symlinkSync(path.join(repoRoot, entry), path.join(dir, entry));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { activationEvents: string[] };
  pkg.activationEvents = pkg.activationEvents.filter((e) => e !== 'onStartupFinished');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return dir;
}

async function main(): Promise<void> {
  // Test files may be named as sources (test/integration/x.test.ts) or built output.
  const files = process.argv.slice(2).map((f) => {
    const rel = path.relative(repoRoot, path.resolve(f)).replace(/\\/g, '/');
    const base = rel.replace(/^out\//, '').replace(/\.ts$/, '.js');
    return path.join(repoRoot, 'out', base);
  });
  const env = {
    TWILIO_CREDENTIALS_TEST_FILES: files.join(path.delimiter),
    TWILIO_CREDENTIALS_TEST_OUTPUT: path.join(repoRoot, 'test-results'),
  };
  const testsModule = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  const auditFingerprints = path.join(env.TWILIO_CREDENTIALS_TEST_OUTPUT, 'audit-fingerprints.json');
  fs.rmSync(auditFingerprints, { force: true });
  const screenshotDir = path.join(repoRoot, 'test-results', 'integration');
  const isUntrusted = (f: string) => f.includes(`${path.sep}untrusted${path.sep}`);
  const isActivation = (f: string) => f.includes(`${path.sep}activation${path.sep}`);
  const trustedFiles = files.filter((f) => !isUntrusted(f) && !isActivation(f));
  let code = 0;
  // Activation first, in a session of its own (see withoutStartupEvent).
  const activationDir = path.join(repoRoot, 'out', 'test', 'integration', 'activation');
  const activationFiles = files.length ? files.filter(isActivation) : fs.readdirSync(activationDir).filter((f) => f.endsWith('.test.js')).map((f) => path.join(activationDir, f));
  if (activationFiles.length && !electronWanted()) {
    console.log('\n--- Activation (no startup event: only the view can activate the extension) ---');
    const extensionPath = withoutStartupEvent();
    try {
      code = await runInVscode({ testsModule, extensionPath, env: { ...env, TWILIO_CREDENTIALS_TEST_FILES: activationFiles.join(path.delimiter) }, screenshotDir });
    } finally {
      fs.rmSync(extensionPath, { recursive: true, force: true });
    }
  }
  if (files.length === 0 || trustedFiles.length > 0) {
    const trustedEnv = { ...env, TWILIO_CREDENTIALS_TEST_FILES: trustedFiles.join(path.delimiter) };
    const extensionsDir = extensionsDirWith(OTHER_EXTENSIONS);
    const trusted = electronWanted()
      ? await runWithElectron({ testsModule, env: trustedEnv, extensionsDir })
      : await runInVscode({ testsModule, env: trustedEnv, auditFingerprints, screenshotDir, extensionsDir });
    code = code || trusted;
  }
  // Then Restricted Mode: the same module, in an untrusted workspace whose settings are hostile.
  const wantsUntrusted = files.length === 0 || files.some(isUntrusted);
  if (wantsUntrusted && !electronWanted()) {
    console.log('\n--- Restricted Mode (untrusted workspace) ---');
    const untrusted = await runInVscode({
      testsModule,
      env: { ...env, TWILIO_CREDENTIALS_TEST_FILES: files.filter(isUntrusted).join(path.delimiter) },
      workspace: copyFixtureWorkspace('workspace-untrusted'),
      workspaceTrust: true,
      screenshotDir,
    });
    code = code || untrusted;
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
