// Restricted Mode: the extension runs no git and writes no hook.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { workspaceRoot, runOurs } from '../helpers';

describe('Git features in Restricted Mode', () => {
  it('refuses to install the pre-commit hook in an untrusted workspace', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    const repo = path.join(workspaceRoot(), `hook-untrusted-${Date.now()}`);
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    try {
      const r = await runOurs('twilioCredentials.installGitHook', { confirm: true, folder: vscode.Uri.file(repo) });
      assert.strictEqual(r, undefined);
      assert.ok(!fs.existsSync(path.join(repo, '.git', 'hooks', 'pre-commit')), 'no hook written');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
