// Runs the CLI in-process (`run(argv, io)`) against temporary trees and captures what a terminal
// or a CI job would see. Credential-shaped values come from the seeded generator of the detection
// tests, so none is written in the repository.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command, run } from '../../../src/cli/main';

export { Values } from '../detection/helpers';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(cwd: string, argv: readonly string[], commands?: Record<string, Command<unknown>>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { cwd, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = commands ? await run(argv, io, commands) : await run(argv, io);
  return { code, stdout, stderr };
}

/** Temporary trees, removed by `cleanup()`. */
export class Trees {
  private readonly dirs: string[] = [];

  make(files: Record<string, string | Buffer> = {}): string {
    // realpath: on some systems the temporary folder itself sits behind a symbolic link.
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-cli-')));
    this.dirs.push(dir);
    for (const [rel, content] of Object.entries(files)) {
      const p = path.join(dir, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
    return dir;
  }

  cleanup(): void {
    for (const d of this.dirs.splice(0)) {
      // Restore permissions a test removed, so the folder can be deleted.
      try {
        fs.chmodSync(d, 0o755);
      } catch {
        /* already gone */
      }
      fs.rmSync(d, { recursive: true, force: true });
    }
  }
}

export interface JsonOutput {
  findings: Array<{ path: string; line: number; column: number; kind: string; severity: string; fingerprint: string; message: string }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
}

export function json(r: CliResult): JsonOutput {
  return JSON.parse(r.stdout) as JsonOutput;
}
