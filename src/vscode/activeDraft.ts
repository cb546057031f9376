import * as vscode from 'vscode';
import { referenceLanguages } from './features/hover';

/**
 * Remembers the draft the writer was in last, so that a draft action run from the panel, the
 * sidebar, a hover or the search (each of which takes focus away from the editor) still writes
 * into that draft, and so that the panel can open beside it rather than over it.
 */
export class ActiveDraft implements vscode.Disposable {
  private last: vscode.TextDocument | undefined;
  private lastColumn: vscode.ViewColumn | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => this.remember(editor));
  }

  /**
   * The editor a draft action writes to: the active draft; else the last active draft while it
   * is still visible (the panel or a view has focus); else the only visible draft.
   */
  editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (isDraft(active)) return active;
    const visible = vscode.window.visibleTextEditors.filter(isDraft);
    const last = this.last && !this.last.isClosed ? visible.find((editor) => editor.document === this.last) : undefined;
    if (last) return last;
    return visible.length === 1 ? visible[0] : undefined;
  }

  /**
   * The editor group of the draft the writer came from, even when something now covers it in
   * that group; `undefined` when there is no open draft.
   */
  column(): vscode.ViewColumn | undefined {
    const editor = this.editor();
    if (editor) return editor.viewColumn;
    return this.last && !this.last.isClosed ? this.lastColumn : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (isDraft(editor)) {
      this.last = editor.document;
      this.lastColumn = editor.viewColumn;
    }
  }
}

/** A text editor on a document in one of the reference's languages (the setting). */
function isDraft(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return editor !== undefined && !editor.document.isClosed && referenceLanguages().includes(editor.document.languageId);
}
