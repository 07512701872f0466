// `npm run bench`: every benchmark figure in one file (out/bench/results.json), printed too.
// Figures, not pass/fail: targets are stated beside them.
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { benchKeys } from './bench-keys';
import { benchActivation } from './bench-activation';
import { benchHistory } from './bench-history';
import { benchCli } from './bench-cli';

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'out', 'bench');

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };

  const ext = fs.statSync(path.join(root, 'dist', 'extension.js')).size;
  const lib = fs.statSync(path.join(root, 'dist', 'twilio.js')).size;
  results.bundles = { extensionJsBytes: ext, twilioJsBytes: lib };
  console.log(`Activation bundle dist/extension.js: ${(ext / 1024).toFixed(1)} KB (budget < 268 KB, test/unit/bundle); Twilio bundle dist/twilio.js: ${(lib / 1024 / 1024).toFixed(2)} MB, loaded on first API use`);

  console.log('\n== Activation in real VS Code (code-server 1.100.3)');
  results.activation = await benchActivation();

  console.log('\n== Key listing');
  const keys = await benchKeys(10_000, 5);
  results.keys = keys;
  console.log(`first page of 50 keys: ${keys.firstPageMs} ms; all ${keys.keys} keys: ${keys.allKeysPageSize1000Ms} ms (pages of 1000), ${keys.allKeysPageSize50Ms} ms (pages of 50)`);

  console.log('\n== Detection (accuracy, editor rescan, CLI vs ripgrep)');
  const detectionOut = path.join(outDir, 'detection.json');
  execFileSync(process.execPath, [path.join(root, 'out', 'scripts', 'bench-detection.js'), '--out', detectionOut, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
  });
  results.detection = JSON.parse(fs.readFileSync(detectionOut, 'utf8'));

  console.log('\n== CLI vs ripgrep on a node_modules (issue 18: as fast as a grep)');
  results.cliVsRipgrep = benchCli();

  console.log('\n== History scan (scan --git vs git log -p on the same range)');
  results.history = await benchHistory(5000);

  const file = path.join(outDir, 'results.json');
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nAll figures: ${path.relative(process.cwd(), file)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
