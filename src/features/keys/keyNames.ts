// Names the extension gives keys. Pure: no `vscode` (the editor passes the workspace name in).
import { MAX_FRIENDLY_NAME } from '../../core/twilio/types';

/** `name` cut to Twilio's limit on a key name, counted in characters (code points) as Twilio counts them. */
export function fitKeyName(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_FRIENDLY_NAME ? name : chars.slice(0, MAX_FRIENDLY_NAME).join('');
}

/** The first label of a host name: `laptop` for `laptop.local`. */
export function shortHostName(hostname: string): string {
  return hostname.split('.')[0];
}

/** The name offered for a new key: where it is used, "<workspace> on <host>" (or "VS Code on <host>"). */
export function defaultKeyName(workspaceName: string | undefined, hostname: string): string {
  const ws = workspaceName?.replace(/ \(Workspace\)$/, '');
  const host = shortHostName(hostname);
  return fitKeyName(ws ? `${ws} on ${host}` : `VS Code on ${host}`);
}

/** "name (rotated 2026-11-27)", replacing an earlier rotation mark, within Twilio's name limit. */
export function rotatedName(name: string, now = new Date()): string {
  const base = (name || 'API key').replace(/\s*\(rotated \d{4}-\d{2}-\d{2}\)$/, '');
  const mark = ` (rotated ${now.toISOString().slice(0, 10)})`;
  return [...base].slice(0, MAX_FRIENDLY_NAME - mark.length).join('') + mark;
}
