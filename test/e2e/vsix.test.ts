import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { installVsix } from '../runner/codeServer';
import { freshDir, repoRoot } from '../runner/paths';
import { openWorkbench, Workbench } from './workbench';

const vsix = path.join(repoRoot, 'twilio-credentials.vsix');

describe('Packaged extension (.vsix)', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  after(async () => wb?.close());

  it('installs into the real VS Code and activates from its view and commands', async function () {
    assert.ok(fs.existsSync(vsix), `${vsix} exists (run npm run package first)`);
    const extensionsDir = freshDir('vsix-extensions');
    const userDataDir = freshDir('vsix-user-data');
    const out = await installVsix(vsix, extensionsDir, userDataDir);
    assert.match(out, /successfully installed/i);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('twilio-credentials.twilio-credentials-'));
    assert.strictEqual(installed.length, 1, `one installed copy in ${extensionsDir}`);

    wb = await openWorkbench({ extensionsDir, userDataDir, developmentExtension: false });
    await wb.openView();
    // A command of ours answering proves the installed bundle activated.
    await wb.runCommand('Twilio: Connect Account…');
    await wb.page.locator('.quick-input-widget', { hasText: 'Connect Twilio Account' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('vsix-installed');
    await wb.page.keyboard.press('Escape');
  });
});
