// `npm run test:integration [-- files…]`: the in-host suite in a real VS Code.
// Uses @vscode/test-electron when a desktop VS Code is given (VSCODE_EXECUTABLE) or asked for
// (TWILIO_CREDENTIALS_USE_ELECTRON=1, which downloads one where the network allows);
// otherwise the code-server route (../shared/REAL-VSCODE.md), which works offline.
import * as path from 'path';
import * as fs from 'fs';
import { runInVscode } from './inVscode';
import { runWithElectron, electronWanted } from './electron';
import { repoRoot } from './paths';

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
  const code = electronWanted()
    ? await runWithElectron({ testsModule, env })
    : await runInVscode({ testsModule, env, auditFingerprints, screenshotDir: path.join(repoRoot, 'test-results', 'integration') });
  process.exit(code);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
