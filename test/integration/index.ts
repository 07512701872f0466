// The in-host test module: VS Code calls run() inside the extension host after loading the
// extension under development. The same module serves the code-server and test-electron launchers.
import * as path from 'path';
import * as fs from 'fs';
import * as vscode from 'vscode';
// Mocha 11's CommonJS entry; bundled tests keep node_modules external, so this is the repo's mocha.
import Mocha = require('mocha');
import { emulator } from './helpers';
import { runOrder } from './order';

/**
 * Suites under untrusted/ run only in Restricted Mode, and the rest only in a trusted workspace;
 * those under activation/ only in the session the runner starts for them, which names them.
 */
function listTests(dir: string, untrusted: boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name === 'activation') return [];
    if (e.isDirectory()) return e.name === 'untrusted' ? (untrusted ? listTests(p, false) : []) : untrusted ? [] : listTests(p, false);
    return e.name.endsWith('.test.js') && !untrusted ? [p] : [];
  });
}

export async function run(): Promise<void> {
  console.log(`Integration tests in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);
  // The emulator must be listening before the extension first loads the Twilio library.
  const em = await emulator();
  console.log(`Twilio emulator at ${em.url}`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const only = (process.env.TWILIO_CREDENTIALS_TEST_FILES ?? '').split(path.delimiter).filter(Boolean);
  const untrusted = !vscode.workspace.isTrusted;
  console.log(untrusted ? 'Workspace: untrusted (Restricted Mode)' : 'Workspace: trusted');
  // Files given on the command line keep their order; either way the audit comes last.
  const files = runOrder(only.length ? only : listTests(__dirname, untrusted).sort());
  for (const f of files) {
    if (!fs.existsSync(f)) throw new Error(`No such test file: ${f} (build with npm run build:test)`);
    mocha.addFile(f);
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
