// Activation by opening the view, in a session of its own: the runner starts it with the
// extension's manifest minus `onStartupFinished` (test/runner/runIntegration.ts), because that
// event activates the extension shortly after every start, and this test could then never fail.
// Here nothing activates the extension until the view is opened: if opening it no longer does
// (the view's id, its container, activate() itself), this fails.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, waitFor } from '../helpers';
import type { ExtensionApi } from '../../../src/extension';

describe('Activation by the view (no startup event in this session)', () => {
  it('is installed and not active before anything asks for it', () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(ext, `extension ${extensionId} is present`);
    assert.strictEqual(ext.isActive, false, 'nothing has activated it yet (no editor, no command, no startup event)');
  });

  it('activates when its view is opened, and the view shows its accounts tree', async function () {
    this.timeout(90_000);
    const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId)!;
    await vscode.commands.executeCommand('workbench.view.extension.twilioCredentials');
    // Active, activate() returned its API, and the view VS Code shows is the tree it registered.
    await waitFor(() => (ext.isActive && ext.exports?.testDriver?.treeVisible()) || undefined, 'activation by its view, and the tree visible', 60_000);
  });
});
