// The activation bundle must not contain the twilio library: only files reachable from
// src/core/twilio/index.ts may import it, and the modules the rest of the extension imports directly
// (types, errors, origin) must stay free of it. Nothing in src/core/twilio may import vscode.
import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { LAZY_BUNDLES } from '../../../src/platform/lazyBundle';

const root = path.resolve(__dirname, '../../../..');
const twilioDir = path.join(root, 'src/core/twilio');

async function bundledInputs(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(twilioDir, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['vscode'],
  });
  return Object.keys(result.metafile.inputs);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Modules a file imports or requires (comments and strings that merely mention one are ignored). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('Twilio API: bundle boundaries', function () {
  this.timeout(20_000);

  // The modules the rest of the extension may import: the types, errors, origin, and the pure rules
  // the features need before any request (what a Functions variable holds, a public key's check,
  // which push credentials no longer work).
  for (const light of ['types.ts', 'errors.ts', 'origin.ts', 'variableKinds.ts', 'publicKeyPem.ts', 'pushCredentialHealth.ts']) {
    it(`${light} can be bundled without the twilio library`, async () => {
      const inputs = await bundledInputs(light);
      // @vscode/l10n (4 KB, translations of the messages) is the one package allowed.
      assert.deepStrictEqual(
        inputs.filter((i) => i.includes('node_modules') && !i.includes('node_modules/@vscode/l10n/')),
        [],
      );
    });
  }

  it(`${path.basename(LAZY_BUNDLES.twilio.entry)} (dist/twilio.js) does contain the library`, async () => {
    const inputs = await bundledInputs(path.relative(twilioDir, path.join(root, LAZY_BUNDLES.twilio.entry)));
    assert.ok(inputs.some((i) => /node_modules\/twilio\//.test(i)));
  });

  it('no file outside src/core/twilio imports twilio, and none in src/core/twilio imports vscode', () => {
    const offenders = sourceFiles(path.join(root, 'src')).filter((f) => {
      const inTwilio = f.startsWith(twilioDir + path.sep);
      return importsOf(f).some((m) => (inTwilio ? m === 'vscode' : m === 'twilio' || m.startsWith('twilio/')));
    });
    assert.deepStrictEqual(offenders.map((f) => path.relative(root, f)), []);
  });
});
