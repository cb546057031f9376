import * as vscode from 'vscode';
import type { Term, TermMatch } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { expansionAt } from '../../core/writerText';
import { renderHoverCard } from '../../core/render/hover';
import { documentWindow, windowPosition } from '../documentWindow';
import { COMMANDS, CONTEXT_KEYS, HOVER_COMMANDS, SETTINGS, SETTINGS_SECTION } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { markOnce } from '../timing';

/** Where "Insert Expansion" should write: checked again when it runs, in case the text moved. */
export interface ExpansionTarget {
  uri: string;
  /** [line, character, line, character] of the occurrence. */
  range: [number, number, number, number];
  /** The occurrence as it was when the card was shown. */
  text: string;
  /** The term; the replacement is worked out again from it rather than carried in the link. */
  termId: string;
}

/** The term occurrence at a position, found in a bounded window of the document. */
export function termAtPosition(reference: Reference, document: vscode.TextDocument, position: vscode.Position): { term: Term; range: vscode.Range; match: TermMatch } | undefined {
  const window = documentWindow(document, position);
  const match = reference.termAt(window.text, window.offset, { markdown: document.languageId === 'markdown' });
  if (!match) return undefined;
  const entry = reference.entry(match.termId);
  if (entry?.kind !== 'term') return undefined;
  const range = new vscode.Range(windowPosition(document, window, match.start), windowPosition(document, window, match.end));
  return { term: entry, range, match };
}

/** The languages hover cards and the editor commands apply to (setting). */
export function referenceLanguages(): string[] {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(SETTINGS.hoverLanguages);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && id.length > 0) : ['markdown', 'plaintext'];
}

/**
 * Hover cards on glossary terms. Registered for the languages in the setting, and registered
 * again when the setting changes; the provider itself reads nothing beyond a bounded window.
 */
export class TermHoverProvider implements vscode.HoverProvider {
  constructor(private readonly loader: ReferenceSource) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<boolean>(SETTINGS.hoverEnabled, true)) return undefined;
    // The terms part is enough for a card; it is usually read already, since the editor showed.
    markOnce('hover-asked');
    const reference = await this.loader.terms();
    if (!reference || token.isCancellationRequested) return undefined;
    const found = termAtPosition(reference, document, position);
    if (!found || token.isCancellationRequested) return undefined;

    const text = document.getText(found.range);
    const target: ExpansionTarget | undefined = expansion(document, found.range, found.term)
      ? { uri: document.uri.toString(), range: [found.range.start.line, found.range.start.character, found.range.end.line, found.range.end.character], text, termId: found.term.id }
      : undefined;

    const card = renderHoverCard(found.term, reference, {
      actions: [
        { label: vscode.l10n.t('Insert into Draft'), tooltip: vscode.l10n.t('Insert a Markdown link to this term at the cursor'), command: COMMANDS.insertIntoDraft, args: [found.term.id] },
        { label: vscode.l10n.t('Cite'), tooltip: vscode.l10n.t('Insert a Pandoc citation of the primary source at the cursor'), command: COMMANDS.cite, args: [found.term.id] },
        { label: vscode.l10n.t('Copy Link'), tooltip: vscode.l10n.t('Copy a Markdown link to this term'), command: COMMANDS.copyMarkdownLink, args: [found.term.id] },
        ...(found.term.facts.length > 0
          ? [{ label: vscode.l10n.t('Copy Fact…'), tooltip: vscode.l10n.t('Copy one fact with its citation'), command: COMMANDS.copyFactWithCitation, args: [found.term.id] }]
          : []),
      ],
      openCommand: COMMANDS.openEntry,
      // Beside the draft, keeping the cursor in it: the writer reads and keeps writing.
      openOptions: { toSide: true, preserveFocus: true },
      searchCommand: COMMANDS.search,
      insertExpansion: target ? { command: COMMANDS.insertExpansion, args: [target] } : undefined,
    });
    const markdown = new vscode.MarkdownString(card);
    // A team's own term says whose words it holds, so it cannot pass for the reference's.
    const origin = reference.origin?.(found.term.id);
    if (origin) markdown.appendMarkdown('\n\n---\n\n').appendText(vscode.l10n.t('From the workspace glossary {0}', origin));
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    markOnce('hover-answered');
    return new vscode.Hover(markdown, found.range);
  }
}

/** Keeps the hover provider registered for the configured languages. */
export function registerHover(provider: TermHoverProvider): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  const register = () => {
    registration?.dispose();
    const languages = referenceLanguages();
    registration = vscode.languages.registerHoverProvider(
      languages.map((language) => ({ language })),
      provider,
    );
    // `editorLangId in usIsraelReference.languages` scopes the editor keybindings and menus.
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.languages, languages);
  };
  register();
  const watcher = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.hoverLanguages}`)) register();
  });
  return new vscode.Disposable(() => {
    watcher.dispose();
    registration?.dispose();
  });
}

/** "Insert Expansion" from a hover card: one undoable edit, only if the text is still there. */
export async function insertExpansion(loader: ReferenceSource, target: unknown): Promise<boolean> {
  if (!isExpansionTarget(target)) return false;
  const term = (await loader.terms())?.entry(target.termId);
  if (term?.kind !== 'term') return false;
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === target.uri);
  if (!document) return false;
  const range = document.validateRange(new vscode.Range(...target.range));
  if (document.getText(range) !== target.text) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The text under the hover has changed; hover the term again.'));
    return false;
  }
  const replacement = expansion(document, range, term);
  if (!replacement) return false;
  const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
  if (editor) return editor.edit((builder) => builder.replace(range, replacement));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, range, replacement);
  return vscode.workspace.applyEdit(edit);
}

/**
 * What Insert Expansion would write over this occurrence, judged on the draft up to it (has the
 * term been spelled out already?) and the few characters after it (is "(QME)" already there?).
 */
function expansion(document: vscode.TextDocument, range: vscode.Range, term: Term): string | undefined {
  if (!term.abbreviation) return undefined;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  const text = document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(end + 200)));
  return expansionAt(text, { start, end }, term);
}

function isExpansionTarget(value: unknown): value is ExpansionTarget {
  if (typeof value !== 'object' || value === null) return false;
  const target = value as Record<string, unknown>;
  return (
    typeof target.uri === 'string' &&
    typeof target.text === 'string' &&
    typeof target.termId === 'string' &&
    Array.isArray(target.range) &&
    target.range.length === 4 &&
    target.range.every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}
