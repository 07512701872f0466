// `npm start`: the extension in a real VS Code (code-server on 127.0.0.1) against the built-in
// Twilio emulator, with a demo workspace. Prints the URL to open; Ctrl+C stops everything.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator } from '../test/emulator/server';
import { startCodeServer } from '../test/runner/codeServer';
import { repoRoot, freshDir } from '../test/runner/paths';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const em = await startEmulator({ keys: Number(arg('keys') ?? 36) });
  // A restricted key, so the demo shows all three types.
  em.state.addKey(em.accountSid, {
    type: 'restricted',
    friendlyName: 'SMS sender (restricted)',
    permissions: ['/twilio/messaging/messages/create', '/twilio/messaging/messages/read'],
  });

  const workspace = path.join(freshDir('demo'), 'twilio-demo-app');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'demo-workspace'), workspace, { recursive: true });
  // The emulator's credentials, generated for this run: a .env the extension offers to connect
  // from, and a file that hardcodes the token so the warnings have something to show.
  fs.writeFileSync(path.join(workspace, '.env'), `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_AUTH_TOKEN=${em.authToken}\n`, { mode: 0o600 });
  const template = fs.readFileSync(path.join(workspace, 'src', 'notify.js.template'), 'utf8');
  fs.writeFileSync(
    path.join(workspace, 'src', 'notify.js'),
    template.replace('__ACCOUNT_SID__', em.accountSid).replace('__AUTH_TOKEN__', em.authToken),
  );
  fs.rmSync(path.join(workspace, 'src', 'notify.js.template'));

  const server = await startCodeServer({
    port: arg('port') ? Number(arg('port')) : undefined,
    env: { TWILIO_CREDENTIALS_API_ORIGIN: em.url },
    verbose: process.argv.includes('--verbose'),
  });
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${repoRoot}`],
    ['skipWelcome', 'true'],
  ]);
  const url = `${server.url}/?${new URLSearchParams({ folder: workspace, payload }).toString()}`;
  console.log('');
  console.log('Twilio Credentials demo is running in VS Code (code-server) against the Twilio emulator.');
  console.log('');
  console.log(`  Open:      ${url}`);
  console.log(`  Emulator:  ${em.url}  (account ${em.accountSid}, ${em.state.keysOf(em.accountSid).length} keys)`);
  console.log('');
  console.log('The demo workspace has a .env with the emulated account: open the Twilio Credentials view');
  console.log('and accept the offer to connect it, or run "Twilio: Connect Account…".');
  console.log('Press Ctrl+C to stop.');

  const stop = async () => {
    await server.stop();
    await em.close();
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
