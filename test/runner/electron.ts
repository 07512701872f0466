// The @vscode/test-electron launcher, for machines with a desktop VS Code. It runs the same in-host
// suite as the code-server route.
import * as path from 'path';
import * as fs from 'fs';
import { runTests } from '@vscode/test-electron';
import { repoRoot, copyFixtureWorkspace, freshDir } from './paths';

export function electronWanted(): boolean {
  return !!process.env.VSCODE_EXECUTABLE || process.env.TWILIO_CREDENTIALS_USE_ELECTRON === '1';
}

export async function runWithElectron(run: { testsModule: string; env?: NodeJS.ProcessEnv; extensionsDir?: string }): Promise<number> {
  const workspace = copyFixtureWorkspace();
  const userDataDir = freshDir('user-data');
  const extensionsDir = run.extensionsDir ?? freshDir('extensions');
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: run.testsModule,
      extensionTestsEnv: run.env,
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  } finally {
    for (const d of [path.dirname(workspace), userDataDir, extensionsDir]) fs.rmSync(d, { recursive: true, force: true });
  }
}
