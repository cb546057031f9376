// Helpers the in-editor specs share (not a spec: test/bundles.js loads only *.spec.ts).
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/vscode/ids';
import type { ExtensionApi } from '../../src/vscode/testApi';

/** @example await sleep(300); */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it gives a truthy value, which it returns; fails naming `what` after the time-out.
 *
 * @example const rows = await waitFor(async () => ((await api()).draftTermRows()).length > 0, 'rows');
 */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * The extension's test API (activating it if needed).
 *
 * @example const rows = await (await api()).viewItems(VIEWS.sections);
 */
export async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/**
 * Opens an untitled document holding `content`. Right after closeAllEditors, a new untitled
 * document can get the name of one just closed while the extension host still holds the old one
 * (seen in both hosts on a loaded machine, more often in the Node host, whose events come over a
 * socket): it then hands back the old text. This asks again until the document is the new one.
 *
 * @example const document = await untitled('[@crs-');
 */
export async function untitled(content: string, language = 'markdown'): Promise<vscode.TextDocument> {
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument({ language, content });
    if (document.getText() === content) return document;
    if (attempt === 20) throw new Error(`openTextDocument kept returning ${document.uri.toString()} with other text`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * untitled(), shown in an editor.
 *
 * @example const editor = await draft('The QME matters.');
 */
export async function draft(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  for (let attempt = 1; ; attempt++) {
    const editor = await vscode.window.showTextDocument(await untitled(content, language));
    // The same reuse can hand the editor an older document of that name: ask again.
    if (editor.document.getText() === content) return editor;
    if (attempt === 20) throw new Error(`showTextDocument kept showing ${editor.document.uri.toString()} with other text`);
    await closeEditors();
  }
}

/**
 * Closes every editor, reverting untitled drafts first: a closed but dirty untitled document
 * stays open in the extension host, and its name then goes to the next draft (see `untitled`).
 *
 * @example afterEach(closeEditors);
 */
export async function closeEditors(): Promise<void> {
  // A dirty draft behind a panel or in another group is no active editor: bring each to the front.
  for (let attempt = 0; attempt < 20; attempt++) {
    const dirty = vscode.workspace.textDocuments.find((document) => document.isUntitled && document.isDirty && !document.isClosed);
    if (!dirty) break;
    await vscode.window.showTextDocument(dirty);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  for (let open = 0; open < 30 && vscode.window.activeTextEditor; open++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
