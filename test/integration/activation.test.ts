import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId } from './helpers';

describe('Activation', () => {
  it('runs inside the real VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('is installed and activates when its view is opened', async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `extension ${extensionId} is present`);
    await vscode.commands.executeCommand('workbench.view.extension.twilioCredentials');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['twilioCredentials.connectAccount', 'twilioCredentials.refresh']) {
      assert.ok(all.includes(id), `${id} is registered`);
    }
  });
});
