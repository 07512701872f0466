// One table of limits (src/core/util/fileLimits.ts) for the editor and the CLI: the CLI's defaults
// and the editor's setting default are the table's, and the CLI's flag still overrides it.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { FILE_LIMITS } from '../../../src/core/util/fileLimits';
import { parseCommandLine, scanCommandSpec, type ScanArgs } from '../../../src/cli/args';
import { MAX_IGNORE_FILE_BYTES } from '../../../src/cli/suppressions';
import { MAX_BASELINE_BYTES } from '../../../src/cli/baseline';
import { MAX_ENV_FILE_BYTES } from '../../../src/workspace/dotenv/envFile';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
const scan = (...argv: string[]): ScanArgs => {
  const r = parseCommandLine(['scan', ...argv], { scan: scanCommandSpec() });
  assert.equal(r.kind, 'run', JSON.stringify(r));
  return (r as { args: ScanArgs }).args;
};

describe('the table of file limits', () => {
  it('the editor scans files up to the size the CLI does: the setting’s default in package.json is the table’s', () => {
    const setting = [pkg.contributes.configuration].flat().map((c: { properties: Record<string, { default?: unknown }> }) => c.properties['twilioCredentials.detection.maxFileSize']).find(Boolean);
    assert.equal(setting?.default, FILE_LIMITS.maxFileBytes);
  });

  it('the CLI’s default comes from the table, its help names it, and --max-file-size still overrides it', () => {
    assert.equal(scan().maxFileSize, FILE_LIMITS.maxFileBytes);
    assert.equal(scan('--max-file-size', '2k').maxFileSize, 2048);
    assert.equal(scan('--max-file-size', '0').maxFileSize, Infinity);
    const help = parseCommandLine(['scan', '--help'], { scan: scanCommandSpec() });
    assert.match(JSON.stringify(help), new RegExp(`default ${FILE_LIMITS.maxFileBytes}`));
  });

  it('the ignore-file, baseline and .env limits of the CLI and the .env reader are the table’s', () => {
    assert.equal(MAX_IGNORE_FILE_BYTES, FILE_LIMITS.maxIgnoreFileBytes);
    assert.equal(MAX_BASELINE_BYTES, FILE_LIMITS.maxBaselineBytes);
    assert.equal(MAX_ENV_FILE_BYTES, FILE_LIMITS.maxEnvFileBytes);
  });

  it('holds sizes and counts a workspace can live with', () => {
    for (const [name, n] of Object.entries(FILE_LIMITS)) assert.ok(Number.isInteger(n) && n > 0, name);
    assert.ok(FILE_LIMITS.maxEnvFiles <= FILE_LIMITS.maxFiles);
  });
});
