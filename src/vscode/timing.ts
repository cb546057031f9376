/**
 * Moments of the first hover, for the UI script (test/ui/ui.js) to tell VS Code's own start-up
 * from this extension's: when the terms part was asked for and ready, when the first hover
 * request arrived and when it was answered. Each moment is written once, as one console line,
 * and only outside production (a development or test run): a user's console stays quiet.
 */
import * as vscode from 'vscode';

const MARKER = '[us-israel-reference timing]';
let enabled = false;
const seen = new Set<string>();

/** Turns the lines on for a development or test run. @example enableTimings(context.extensionMode) */
export function enableTimings(mode: vscode.ExtensionMode): void {
  enabled = mode !== vscode.ExtensionMode.Production;
}

/** Writes `moment` with the wall-clock time, the first time only. @example markOnce('terms-ready') */
export function markOnce(moment: 'terms-asked' | 'terms-ready' | 'hover-asked' | 'hover-answered'): void {
  if (!enabled || seen.has(moment)) return;
  seen.add(moment);
  console.log(`${MARKER} ${JSON.stringify({ moment, at: Date.now() })}`);
}
