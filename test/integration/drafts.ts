// Helpers the in-editor specs share (not a spec: test/bundles.js loads only *.spec.ts).
import * as vscode from 'vscode';

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
  return vscode.window.showTextDocument(await untitled(content, language));
}
