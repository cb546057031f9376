import * as vscode from 'vscode';
import { citation, type CitationStyle } from '../../core/citations';
import { entrySourceIds } from '../../core/render/format';
import type { Source } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { SETTINGS, SETTINGS_SECTION } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { notify } from '../notify';
import { noticeValue } from '../../core/safeText';
import { DraftTracker } from './draftTracker';
import { referenceLanguages, termAtPosition } from './hover';

/** Source ids cited in a draft: Pandoc keys `[@id]` / `[@id, p. 3]` and footnote labels `[^id]`. */
const CITED = /\[(?:@|\^)([a-z0-9]+(?:-[a-z0-9]+)*)/g;

/** The draft a citation goes into: the active editor, or the one draft on screen when a panel has focus. */
function draftEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active && DraftTracker.isDraft(active.document)) return active;
  const visible = vscode.window.visibleTextEditors.filter((editor) => DraftTracker.isDraft(editor.document));
  return visible.length === 1 ? visible[0] : undefined;
}

/**
 * "Cite Source…": picks from the sources of the entry under the cursor (or every source) and
 * inserts a Pandoc citation or a footnote, as the setting says, in one undoable edit.
 */
export async function citeSource(loader: ReferenceSource, sourceIdArg?: unknown): Promise<boolean> {
  const editor = draftEditor();
  if (!editor) {
    void notify.info(vscode.l10n.t('Open a Markdown draft and place the cursor where the citation should go.'));
    return false;
  }
  const reference = await loader.get();
  if (!reference) return false;
  let source = typeof sourceIdArg === 'string' ? reference.source(sourceIdArg) : undefined;
  if (!source) {
    const underCursor = termAtPosition(reference, editor.document, editor.selection.active)?.term;
    source = await pickSource(reference, underCursor ? entrySourceIds(underCursor) : [], underCursor?.title);
  }
  if (!source) return false;
  return insertCitation(editor, source);
}

async function pickSource(reference: Reference, preferred: readonly string[], termTitle: string | undefined): Promise<Source | undefined> {
  type Item = vscode.QuickPickItem & { source?: Source };
  const toItem = (source: Source): Item => ({ label: source.id, description: source.publisher, detail: `${source.title} (${source.date})`, source });
  const first = preferred.map((id) => reference.source(id)).filter((source): source is Source => source !== undefined);
  const rest = reference.sources().filter((source) => !preferred.includes(source.id));
  const items: Item[] = [
    ...(first.length > 0 ? [{ label: vscode.l10n.t('Sources of {0}', termTitle ?? ''), kind: vscode.QuickPickItemKind.Separator } as Item, ...first.map(toItem)] : []),
    { label: vscode.l10n.t('All sources'), kind: vscode.QuickPickItemKind.Separator },
    ...rest.map(toItem),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Cite Source'), placeHolder: vscode.l10n.t('Type to filter sources by id, publisher or title'), matchOnDescription: true, matchOnDetail: true });
  return picked?.source;
}

/** The style the writer chose for this draft (`usIsraelReference.citations.style`). */
export function citationStyle(document: vscode.TextDocument): CitationStyle {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<CitationStyle>(SETTINGS.citationStyle, 'pandoc') === 'footnote' ? 'footnote' : 'pandoc';
}

/**
 * Writes a citation of `source` at the draft's selection in the chosen style, with the footnote's
 * definition at the end of the draft when the style is footnotes, as one undoable edit.
 */
export async function insertCitation(editor: vscode.TextEditor, source: Source, locator?: string): Promise<boolean> {
  const text = citation(source, { style: citationStyle(editor.document), locator });
  const document = editor.document;
  // "claim [@id]" reads as Pandoc expects; a footnote marker sits against the word, as footnotes do.
  const start = editor.selection.start;
  const before = start.character > 0 ? document.getText(new vscode.Range(start.translate(0, -1), start)) : '';
  const inline = text.footnote === undefined && /\S/.test(before) && before !== '(' && before !== '[' ? ` ${text.inline}` : text.inline;
  return editor.edit((builder) => {
    builder.replace(editor.selection, inline);
    if (text.footnote && !document.getText().includes(`${text.inline}:`)) {
      const end = document.lineAt(document.lineCount - 1).range.end;
      const gap = document.lineAt(document.lineCount - 1).isEmptyOrWhitespace ? '\n' : '\n\n';
      builder.insert(end, `${gap}${text.footnote}\n`);
    }
  });
}

/** A card for a citation `[@id]` in a draft: which source it names. */
export class CitationHoverProvider implements vscode.HoverProvider {
  constructor(private readonly loader: ReferenceSource) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    if (line.length > 20_000) return undefined;
    for (const match of line.matchAll(/\[@([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
      const start = match.index! + 2;
      const end = start + match[1].length;
      if (position.character < match.index! || position.character > end) continue;
      const reference = await this.loader.get();
      const source = reference?.source(match[1]);
      if (!source) return undefined;
      const card = new vscode.MarkdownString();
      card.appendMarkdown('**').appendText(source.title).appendMarkdown('**\n\n');
      card.appendText(`${source.author ? `${source.author} · ` : ''}${source.publisher} · ${source.date}`);
      card.appendMarkdown('\n\n').appendText(source.url);
      return new vscode.Hover(card, new vscode.Range(position.line, start, position.line, end));
    }
    return undefined;
  }
}

/**
 * "Export Bibliography": the sources the draft cites, as CSL-JSON and BibTeX beside the draft
 * (`memo.md` → `memo.bib`, `memo.csl.json`), or in new untitled editors for an untitled draft.
 */
export async function exportBibliography(loader: ReferenceSource): Promise<boolean> {
  const editor = draftEditor();
  const reference = await loader.get();
  if (!editor || !reference) {
    if (!editor) void notify.info(vscode.l10n.t('Open the Markdown draft whose citations should be exported.'));
    return false;
  }
  const ids = [...new Set([...editor.document.getText().matchAll(CITED)].map((match) => match[1]))].filter((id) => reference.source(id));
  if (ids.length === 0) {
    void notify.info(vscode.l10n.t('This draft cites no source of the reference yet. Use “Cite Source…” to add one.'));
    return false;
  }
  const csl = `${JSON.stringify(reference.cslJson(ids), null, 2)}\n`;
  const bib = reference.bibtex(ids);
  const uri = editor.document.uri;
  if (uri.scheme === 'untitled') {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: csl }), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: bib }), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return true;
  }
  const base = uri.path.replace(/\.[^./]*$/, '');
  const encoder = new TextEncoder();
  await vscode.workspace.fs.writeFile(uri.with({ path: `${base}.csl.json` }), encoder.encode(csl));
  await vscode.workspace.fs.writeFile(uri.with({ path: `${base}.bib` }), encoder.encode(bib));
  // The writer looks for the files by name; the name is theirs, so it is quoted as a plain value.
  const name = noticeValue(base.slice(base.lastIndexOf('/') + 1));
  void notify.info(
    ids.length === 1
      ? vscode.l10n.t('Wrote 1 cited source to {0}.csl.json (CSL-JSON) and {0}.bib (BibTeX) beside the draft.', name)
      : vscode.l10n.t('Wrote {0} cited sources to {1}.csl.json (CSL-JSON) and {1}.bib (BibTeX) beside the draft.', ids.length, name),
  );
  return true;
}

/** Registers the citation hover for the reference's languages. */
export function registerCitationHover(provider: CitationHoverProvider): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    referenceLanguages().map((language) => ({ language })),
    provider,
  );
}
