// node out/test/emulator/cli.js [--port N] [--keys N] [--seed FILE] [--key-limit N] [--quiet]
// Prints exactly one JSON line on stdout once listening (URL and the primary credentials);
// everything else goes to stderr. Stops cleanly on SIGINT/SIGTERM.
import { readFileSync } from 'fs';
import { EmulatorOptions, SeedFile, startEmulator } from './server';

function parseArgs(argv: string[]): EmulatorOptions & { quiet: boolean } {
  const opts: EmulatorOptions & { quiet: boolean } = { quiet: false };
  const int = (flag: string, v: string | undefined) => {
    if (v === undefined || !/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--port':
        opts.port = int(flag, value());
        break;
      case '--keys':
        opts.keys = int(flag, value());
        break;
      case '--key-limit':
        opts.keyLimit = int(flag, value());
        break;
      case '--seed': {
        const file = value();
        if (!file) throw new Error('--seed needs a file');
        opts.seed = JSON.parse(readFileSync(file, 'utf8')) as SeedFile;
        break;
      }
      case '--quiet':
        opts.quiet = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.quiet) {
    opts.onRequest = (e) => process.stderr.write(`${e.method} ${e.host}${e.path}${e.query} -> ${e.status} (${e.durationMs} ms)\n`);
  }
  const starting = startEmulator(opts);
  // Handlers go in before the JSON line: whoever reads it may signal us at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    starting.then((e) => e.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const emu = await starting;
  if (stopping) return;
  process.stdout.write(
    JSON.stringify({
      url: emu.url,
      accountSid: emu.accountSid,
      authToken: emu.authToken,
      mainKey: emu.mainKey,
      standardKey: emu.standardKey,
    }) + '\n',
  );
  process.stderr.write(`Twilio emulator listening on ${emu.url}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`emulator: ${e.message}\n`);
  process.exit(2);
});
