// Activation as VS Code does it: through the activation events the manifest declares, never by
// calling activate() from the test. Opening the view is tested in a session of its own
// (activation/byView.test.ts), where no startup event activates the extension first. Once active,
// every command package.json contributes is registered: a command that is contributed but not
// registered is a menu entry that fails with "command not found".
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId } from './helpers';
import { Command } from '../../src/core/util/commandIds';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is present`);
  return ext;
}

describe('Activation', () => {
  it('runs inside the real VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('activates on a contributed command and runs it', async () => {
    // onCommand (implied by contributes.commands): VS Code activates the extension before the command runs.
    await vscode.commands.executeCommand(Command.refresh);
    assert.strictEqual(extension().isActive, true);
  });

  it('registers every command it contributes', async () => {
    const contributed: string[] = extension().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed commands that are not registered',
    );
  });
});
