import * as vscode from 'vscode';
import { draftMarkdown } from '../../core/safeText';
import { termNameCompletions } from '../../core/completionNames';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { SETTINGS, SETTINGS_SECTION } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { referenceLanguages } from './hover';

/** How far back on the line a word being completed may reach. */
const PREFIX_WINDOW = 200;
/** How many lines above the cursor are read to tell whether it sits in a fenced code block. */
const FENCE_LOOKBACK_LINES = 400;

/**
 * Completion of term names and expansions as the writer types, and of source ids after `[@`.
 * Off inside code, and off entirely with `usIsraelReference.completion.enabled`.
 */
export class ReferenceCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly loader: ReferenceSource) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    if (!vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<boolean>(SETTINGS.completionEnabled, true)) return undefined;
    const lineStart = Math.max(0, position.character - PREFIX_WINDOW);
    const before = document.lineAt(position.line).text.slice(lineStart, position.character);
    if (document.languageId === 'markdown' && inCode(document, position, before)) return undefined;
    const citationKey = /\[@([a-z0-9-]*)$/.exec(before);
    if (!citationKey && !/[A-Za-z0-9][\w'’-]$/.test(before)) return undefined;
    // Term names need only the terms part; citation keys list every source, in the library.
    const reference = citationKey ? await this.loader.get() : await this.loader.terms();
    if (!reference || token.isCancellationRequested) return undefined;
    if (citationKey) return this.citationItems(reference, position, citationKey[1]);
    return this.termItems(reference, position, before);
  }

  private citationItems(reference: Reference, position: vscode.Position, typed: string): vscode.CompletionItem[] {
    const range = new vscode.Range(position.translate(0, -typed.length), position);
    return reference.sources().map((source) => {
      const item = new vscode.CompletionItem({ label: source.id, description: source.publisher }, vscode.CompletionItemKind.Reference);
      item.range = range;
      item.detail = source.title;
      item.documentation = new vscode.MarkdownString().appendText(`${source.author ? `${source.author}, ` : ''}${source.title}, ${source.publisher}, ${source.date}`);
      return item;
    });
  }

  /** Names whose beginning the line ends with ("Iron Do" → "Iron Dome"), starting at a word boundary. */
  private termItems(reference: Reference, position: vscode.Position, lineBefore: string): vscode.CompletionItem[] {
    const items: vscode.CompletionItem[] = [];
    for (const term of reference.terms()) {
      for (const { name, typed } of termNameCompletions(term, lineBefore)) {
        const item = new vscode.CompletionItem({ label: name, description: term.shortTitle || term.title }, vscode.CompletionItemKind.Text);
        item.range = new vscode.Range(position.translate(0, -typed), position);
        // Names come from content, a workspace glossary's among them: what lands in the draft is inert Markdown.
        const inert = draftMarkdown(name);
        if (inert !== name) item.insertText = inert;
        item.detail = term.title;
        item.documentation = new vscode.MarkdownString().appendText(term.summary);
        // Ranked after words the writer has typed before: a name only when asked for.
        item.sortText = `~${name.toLowerCase()}`;
        items.push(item);
      }
    }
    return items;
  }
}

/** Inside an inline code span on this line, or a fenced block above it. */
function inCode(document: vscode.TextDocument, position: vscode.Position, lineBefore: string): boolean {
  if ((lineBefore.match(/`/g)?.length ?? 0) % 2 === 1) return true;
  let open = false;
  for (let line = Math.max(0, position.line - FENCE_LOOKBACK_LINES); line < position.line; line++) {
    if (/^ {0,3}(?:```|~~~)/.test(document.lineAt(line).text)) open = !open;
  }
  return open;
}

/** Registers completion for the reference's languages, and again when the setting changes. */
export function registerCompletion(provider: ReferenceCompletionProvider): vscode.Disposable {
  let registration = register();
  function register(): vscode.Disposable {
    return vscode.languages.registerCompletionItemProvider(
      referenceLanguages().map((language) => ({ language })),
      provider,
      '@',
    );
  }
  const watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.hoverLanguages}`)) return;
    registration.dispose();
    registration = register();
  });
  return { dispose: () => { watcher.dispose(); registration.dispose(); } };
}
