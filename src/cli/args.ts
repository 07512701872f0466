// Command-line parsing for `twilio-credentials`, on Node's built-in `util.parseArgs` (no
// dependency). Every mistake becomes exit code 2 with the usage of the command concerned.
//
// A subcommand is one entry of the table in main.ts (`COMMANDS`): a `CommandSpec` gives its
// options in parseArgs' format, its help text and a `build` that turns parsed values into the
// command's typed arguments (or an error message). `parseCommandLine` below handles `--help`,
// `--version`, unknown commands and options for every command alike.

import { parseArgs as nodeParseArgs } from 'util';

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export const PROGRAM = 'twilio-credentials';

/** One option, as `util.parseArgs` takes it, plus what the help needs. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /**
   * For a string option whose value may be left out (`--git` or `--git main..HEAD`): the value
   * used when the option stands alone, i.e. is last or followed by another option. parseArgs has
   * no optional values, so such arguments are rewritten to `--name=<bareValue>` before parsing.
   */
  bareValue?: string;
}

export type ParsedValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandSpec<T> {
  name: string;
  /** One line for the program's help. */
  summary: string;
  /** The whole `COMMAND --help` text (starting with its usage line). */
  help: string;
  options: Record<string, OptionSpec>;
  /** Whether positional arguments (paths) are accepted. */
  positionals: boolean;
  /** Typed arguments from the parsed values, or a message describing the mistake. */
  build(values: ParsedValues, positionals: string[]): T | { error: string };
}

// `any`: the table holds commands of different argument types; each entry is typed where defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandTable = Readonly<Record<string, CommandSpec<any>>>;

export type CommandLine =
  | { kind: 'run'; command: string; args: unknown }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'error'; message: string; usage: string };

/** The program's own help: the commands and the global options. */
export function programHelp(commands: CommandTable): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 2;
  const lines = Object.values(commands).map((c) => `  ${c.name.padEnd(width)}${c.summary}`);
  return `Usage: ${PROGRAM} <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help     show this help (or a command's: ${PROGRAM} <command> --help)
  -v, --version  print the version

Run "${PROGRAM} <command> --help" for a command's options.
`;
}

/** Rewrites a bare optional-value option (`--git`, then nothing or another option) to `--git=<bareValue>`. */
function expandBareValues(argv: readonly string[], options: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    // Stryker disable next-line ConditionalExpression: options[undefined] is undefined too
    const spec = name !== undefined ? options[name] : undefined;
    const next = argv[i + 1];
    if (spec?.bareValue !== undefined && (next === undefined || next.startsWith('-'))) out.push(`--${name}=${spec.bareValue}`);
    else out.push(a);
  }
  return out;
}

export function parseCommandLine(argv: readonly string[], commands: CommandTable): CommandLine {
  const usage = programHelp(commands);
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'error', message: 'missing command', usage };
  if (first === '-h' || first === '--help' || first === 'help') {
    const named = first === 'help' && rest[0] !== undefined ? commands[rest[0]] : undefined;
    if (first === 'help' && rest[0] !== undefined && !named) return { kind: 'error', message: `unknown command: ${rest[0]}`, usage };
    return { kind: 'help', text: named ? named.help : usage };
  }
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first.startsWith('-')) return { kind: 'error', message: `unknown option: ${first} (options come after the command)`, usage };
  const command = Object.prototype.hasOwnProperty.call(commands, first) ? commands[first] : undefined;
  if (!command) return { kind: 'error', message: `unknown command: ${first}`, usage };

  // --help anywhere before `--` wins over everything else, even over mistakes next to it.
  const beforeDashDash = rest.indexOf('--') >= 0 ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeDashDash.includes('--help') || beforeDashDash.includes('-h')) return { kind: 'help', text: command.help };

  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
    for (const [name, spec] of Object.entries(command.options)) {
      options[name] = { type: spec.type };
      if (spec.short !== undefined) options[name].short = spec.short;
      if (spec.multiple !== undefined) options[name].multiple = spec.multiple;
    }
    parsed = nodeParseArgs({
      args: expandBareValues(rest, command.options),
      options,
      strict: true,
      allowPositionals: command.positionals,
    }) as { values: ParsedValues; positionals: string[] };
  } catch (error) {
    return { kind: 'error', message: describeParseError(error as Error & { code?: string }), usage: command.help };
  }
  const built = command.build(parsed.values, parsed.positionals);
  if (built && typeof built === 'object' && 'error' in built && typeof (built as { error: unknown }).error === 'string') {
    return { kind: 'error', message: (built as { error: string }).error, usage: command.help };
  }
  return { kind: 'run', command: command.name, args: built };
}

/** parseArgs' messages are long and mention `--foo <value>`; keep them, minus the advice to use `--`. */
function describeParseError(error: Error & { code?: string }): string {
  const advice = error.message.indexOf(" To specify a positional argument starting with a '-'");
  const message = (advice >= 0 ? error.message.slice(0, advice) : error.message).trimEnd();
  return message.endsWith('.') ? message.slice(0, -1) : message;
}

// ---------------------------------------------------------------------------------------------
// `scan`

export type OutputFormat = 'human' | 'json' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['human', 'json', 'sarif'];

export interface ScanArgs {
  command: 'scan';
  paths: string[];
  format: OutputFormat;
  excludes: string[];
  maxFileSize: number;
  includeNodeModules: boolean;
  /** Any skipped file or folder makes the scan exit 2. */
  strict: boolean;
  /** Report and fail only on findings not listed in this baseline file. */
  baseline?: string;
  /** Write the findings to this baseline file (fingerprints, never values). */
  writeBaseline?: string;
  /** Append a Markdown summary to this file (the GitHub Action's job summary). */
  summaryFile?: string;
  /**
   * Options other modules add to `scan` (`--staged`, `--git`): their parsed values by option
   * name, for the scan source that reads them (see source.ts).
   */
  extra: Record<string, string | boolean | undefined>;
}

export function parseSize(text: string): number | undefined {
  const m = /^(\d+)\s*(k|kb|kib|m|mb|mib)?$/i.exec(text.trim());
  if (!m) return undefined;
  // Stryker disable next-line StringLiteral: any text that starts with neither k nor m means bytes, as '' does
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(m[1]) * factor;
}

/** An option another module adds to `scan` (e.g. `--staged`), with its help line. */
export interface ScanOptionExtension {
  name: string;
  spec: OptionSpec;
  /** e.g. `  --staged                scan what is about to be committed` */
  helpLine: string;
}

const SCAN_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', short: 'f' },
  json: { type: 'boolean' },
  exclude: { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  'include-node-modules': { type: 'boolean' },
  strict: { type: 'boolean' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'summary-file': { type: 'string' },
};

function scanHelp(extensions: readonly ScanOptionExtension[]): string {
  const extra = extensions.map((e) => e.helpLine.replace(/\n?$/, '\n')).join('');
  return `Usage: ${PROGRAM} scan [paths...] [options]

Scans files and folders (default: .) for hardcoded Twilio Auth Tokens and API key secrets.

Options:
  -f, --format FORMAT     human (default: one line per finding), json or sarif (SARIF 2.1.0)
  --json                  same as --format json
  --exclude GLOB          skip paths matching GLOB (repeatable; gitignore-like, relative to .)
  --max-file-size BYTES   skip larger files (default ${DEFAULT_MAX_FILE_SIZE}; suffixes k, m; 0 = no limit)
  --include-node-modules  also scan node_modules folders
  --strict                exit 2 when any file or folder had to be skipped
  --baseline FILE         report and fail only on findings not listed in FILE
  --write-baseline FILE   write the findings to FILE (fingerprints, never values) and exit 0
  --summary-file FILE     append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)
${extra}  -h, --help              show this help

Skipped without a word: .git and other VCS folders, node_modules, paths matching --exclude or
.twilio-credentials-ignore. Skipped and listed (stderr; "skipped" in json; notifications in
sarif): lockfiles, files with NUL bytes, UTF-16 files, files over the size limit, unreadable
files and folders, symbolic links leading outside the scanned folder, FIFOs and devices.
Suppress one line with a "twilio-credentials-ignore" comment on it or on the line before.
In a history range with a base (--git BASE..TIP), .twilio-credentials-ignore and --baseline
are read at BASE, and inline markers on lines the range adds do not count: a range cannot
suppress its own findings.

Exit status: 0 no secret found, 1 a secret found (Auth Token or API key secret outside .env
files; SIDs and .env files are reported but do not fail), 2 bad usage, or a skip with --strict.
`;
}

/** The `scan` command; `extensions` are options other modules add (see ScanOptionExtension). */
export function scanCommandSpec(extensions: readonly ScanOptionExtension[] = []): CommandSpec<ScanArgs> {
  const options: Record<string, OptionSpec> = { ...SCAN_OPTIONS };
  for (const e of extensions) options[e.name] = e.spec;
  return {
    name: 'scan',
    summary: 'find hardcoded Twilio secrets in files and folders',
    help: scanHelp(extensions),
    options,
    positionals: true,
    build(values, positionals) {
      let format: OutputFormat = 'human';
      if (values.format !== undefined) {
        if (!FORMATS.includes(values.format as OutputFormat)) return { error: `--format must be one of ${FORMATS.join(', ')}, got ${String(values.format)}` };
        format = values.format as OutputFormat;
      }
      if (values.json) {
        if (values.format !== undefined && values.format !== 'json') return { error: `--json contradicts --format ${String(values.format)}` };
        format = 'json';
      }
      let maxFileSize = DEFAULT_MAX_FILE_SIZE;
      if (values['max-file-size'] !== undefined) {
        const size = parseSize(String(values['max-file-size']));
        if (size === undefined) return { error: `--max-file-size needs a number of bytes, got ${String(values['max-file-size'])}` };
        maxFileSize = size === 0 ? Infinity : size;
      }
      const excludes = (values.exclude as string[] | undefined) ?? [];
      if (excludes.some((g) => g === '')) return { error: '--exclude needs a glob' };
      for (const name of ['baseline', 'write-baseline', 'summary-file'] as const) {
        if (values[name] === '') return { error: `--${name} needs a file name` };
      }
      const extra: ScanArgs['extra'] = {};
      for (const e of extensions) extra[e.name] = values[e.name] as string | boolean | undefined;
      return {
        command: 'scan',
        paths: positionals.length > 0 ? positionals : ['.'],
        format,
        excludes,
        maxFileSize,
        includeNodeModules: values['include-node-modules'] === true,
        strict: values.strict === true,
        baseline: values.baseline as string | undefined,
        writeBaseline: values['write-baseline'] as string | undefined,
        summaryFile: values['summary-file'] as string | undefined,
        extra,
      };
    },
  };
}
