import * as vscode from 'vscode';
import { noticeText, plainLine } from '../core/safeText';

/**
 * Every message the extension shows outside its own views goes through here. VS Code renders
 * `[label](command:…)` in notification text as a link that runs the command with commands
 * allowed, and `$(name)` in status-bar text as an icon; `noticeText` neutralises both in the
 * whole message, so no content, id or error text can become either. Details a user may need
 * (an unknown id, why the index failed) go to the output channel as plain text instead.
 */

const CHANNEL_NAME = 'US–Israel Reference';
let channel: vscode.LogOutputChannel | undefined;
/** The last messages shown, exactly as VS Code received them, for the in-editor tests (src/vscode/testApi.ts). */
const shown: string[] = [];
const SHOWN_KEPT = 20;

function record(message: string): string {
  const text = noticeText(message);
  shown.push(text);
  if (shown.length > SHOWN_KEPT) shown.shift();
  return text;
}

/** The last notifications and status messages shown, oldest first. */
export function recentNotices(): string[] {
  return [...shown];
}

/** Creates the output channel; the returned disposable belongs in `context.subscriptions`. */
export function registerLog(): vscode.Disposable {
  channel = vscode.window.createOutputChannel(CHANNEL_NAME, { log: true });
  return new vscode.Disposable(() => {
    channel?.dispose();
    channel = undefined;
  });
}

/** Writes a detail to the output channel as one plain, bounded line. */
export function logDetail(message: string, detail?: unknown): void {
  channel?.warn(detail === undefined ? plainLine(message, 2000) : `${plainLine(message, 200)}: ${plainLine(detail instanceof Error ? detail.message : detail, 2000)}`);
}

/** The notifications, each neutralised whole. Messages are fixed texts; quoted values go through `noticeValue`. */
export const notify = {
  info: (message: string) => vscode.window.showInformationMessage(record(message)),
  warning: (message: string) => vscode.window.showWarningMessage(record(message)),
  error: (message: string) => vscode.window.showErrorMessage(record(message)),
  status: (message: string, hideAfterMs: number) => vscode.window.setStatusBarMessage(record(message), hideAfterMs),
};

/** Text for a tree view's `message`, neutralised like a notification. */
export function viewMessage(message: string): string {
  return noticeText(message);
}
