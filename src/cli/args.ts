// Command-line parsing for `twilio-credentials`. Hand-written: four flags do not justify a
// dependency, and every mistake must become exit code 2 with a usage message.

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export const USAGE = `Usage: twilio-credentials scan [paths...] [options]
       twilio-credentials scan --staged [options]
       twilio-credentials scan --git [revision range...] [options]
       twilio-credentials install-hook [--chain]

Scans files and folders (default: .) for hardcoded Twilio Auth Tokens and API key secrets.

Options:
  --json                  print {"findings":[...]} instead of one line per finding
  --exclude GLOB          skip paths matching GLOB (repeatable; gitignore-like, relative to .)
  --max-file-size BYTES   skip larger files (default ${DEFAULT_MAX_FILE_SIZE}; suffixes k, m; 0 = no limit)
  --include-node-modules  also scan node_modules folders
  --staged                scan what is about to be committed (the index), not the files
  --git                   scan every line the commits added (default: all refs; or the
                          given ranges, e.g. main..HEAD), with each finding's first commit
  --chain                 install-hook: keep an existing pre-commit hook and run it first
  -h, --help              show this help

Skipped: .git and other VCS folders, node_modules, lockfiles, binary files (a NUL byte in the
first 8 KB), files over the size limit, and paths listed in .twilio-credentials-ignore.
Suppress one line with a "twilio-credentials-ignore" comment on it or on the line before.

Exit status: 0 no secret found, 1 a secret found (Auth Token or API key secret outside .env
files; SIDs and .env files are reported but do not fail), 2 bad usage.
`;

export interface ScanArgs {
  command: 'scan';
  paths: string[];
  json: boolean;
  excludes: string[];
  maxFileSize: number;
  includeNodeModules: boolean;
  /** `--staged`: the index instead of files (no paths). */
  staged: boolean;
  /** `--git`: history; `paths` then holds revision ranges. */
  git: boolean;
}

export interface InstallHookArgs {
  command: 'install-hook';
  chain: boolean;
}

export type ParsedArgs = ScanArgs | InstallHookArgs | { command: 'help' } | { command: 'error'; message: string };

export function parseSize(text: string): number | undefined {
  const m = /^(\d+)\s*(k|kb|kib|m|mb|mib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(m[1]) * factor;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'error', message: 'missing command' };
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  const [command, ...rest] = argv;
  if (command === 'install-hook') {
    const bad = rest.find((a) => a !== '--chain');
    return bad === undefined ? { command: 'install-hook', chain: rest.includes('--chain') } : { command: 'error', message: `unknown option: ${bad}` };
  }
  if (command !== 'scan') return { command: 'error', message: `unknown command: ${command}` };
  const args: ScanArgs = { command: 'scan', paths: [], json: false, excludes: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, includeNodeModules: false, staged: false, git: false };
  let onlyPaths = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (onlyPaths || !a.startsWith('-') || a === '-') {
      args.paths.push(a);
      continue;
    }
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : rest[++i]);
    switch (flag) {
      case '--':
        onlyPaths = true;
        break;
      case '--json':
        args.json = true;
        break;
      case '--include-node-modules':
        args.includeNodeModules = true;
        break;
      case '--staged':
        args.staged = true;
        break;
      case '--git':
        args.git = true;
        break;
      case '--exclude': {
        const glob = value();
        if (!glob) return { command: 'error', message: '--exclude needs a glob' };
        args.excludes.push(glob);
        break;
      }
      case '--max-file-size': {
        const v = value();
        const size = v === undefined ? undefined : parseSize(v);
        if (size === undefined) return { command: 'error', message: `--max-file-size needs a number of bytes, got ${v ?? 'nothing'}` };
        args.maxFileSize = size === 0 ? Infinity : size;
        break;
      }
      default:
        return { command: 'error', message: `unknown option: ${a}` };
    }
  }
  if (args.staged && args.git) return { command: 'error', message: '--staged and --git cannot be combined' };
  if (args.staged && args.paths.length > 0) return { command: 'error', message: '--staged scans the whole index and takes no paths' };
  if (args.paths.length === 0 && !args.staged && !args.git) args.paths.push('.');
  return args;
}
