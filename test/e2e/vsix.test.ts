import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { installVsix } from '../runner/codeServer';
import { freshDir, repoRoot } from '../runner/paths';
import { openWorkbench, Workbench } from './workbench';

const vsix = path.join(repoRoot, 'twilio-credentials.vsix');

/** File names in a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names.sort();
}

describe('Packaged extension (.vsix)', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  after(async () => wb?.close());

  it('contains only what the extension needs at run time', () => {
    const entries = zipEntries(vsix);
    console.log(`      .vsix (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB): ${entries.join(', ')}`);
    const walkthrough = entries.filter((e) => e.startsWith('extension/media/walkthrough/'));
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/ThirdPartyNotices.txt',
      'extension/dist/cli.js',
      'extension/dist/credentials.js',
      'extension/dist/extension.js',
      'extension/dist/flows.js',
      'extension/dist/functions.js',
      'extension/dist/functionsTree.js',
      'extension/dist/git.js',
      'extension/dist/rules.js',
      'extension/dist/twilio.js',
      'extension/l10n/bundle.l10n.json',
      'extension/media/activity-bar.svg',
      'extension/media/icon.png',
      ...walkthrough,
      'extension/package.json',
      'extension/package.nls.json',
      'extension/readme.md',
    ].sort();
    assert.ok(walkthrough.length >= 4, 'the walkthrough pages are included');
    assert.deepStrictEqual(entries, expected);
  });

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
