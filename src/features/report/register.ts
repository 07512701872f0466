// The credential report's command registers from its table (manifest.ts). The report is written
// by dist/credentials.js, loaded on first use: `run` starts it (src/surfaces/tree/credentialsFeature.ts).
import type * as vscode from 'vscode';
import type { Log } from '../../platform/log';
import { noArgs } from '../../core/util/commandArgs';
import { bind, registerFeature } from '../../platform/registerFeature';
import { Command } from '../../core/util/commandIds';
import { reportManifest } from './manifest';

export function registerReport(log: Log, run: () => Promise<unknown>): vscode.Disposable[] {
  return registerFeature(reportManifest, { [Command.credentialReport]: bind(noArgs, (r: () => Promise<unknown>) => r()) }, run, log);
}
