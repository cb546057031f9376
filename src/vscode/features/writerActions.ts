import * as vscode from 'vscode';
import { factWithCitation, primarySource } from '../../core/writerText';
import { draftMarkdown, uiLabel } from '../../core/safeText';
import type { Entry } from '../../core/model';
import { truncate } from '../../core/text';
import type { ActiveDraft } from '../activeDraft';
import { COMMANDS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { notify } from '../notify';
import { citationStyle, insertCitation } from './citations';
import { entryIdFrom } from './entryArgs';

/**
 * Cite (a Pandoc citation of an entry's primary source, written into the draft) and Copy Fact
 * with Citation (one fact with its dated, located sources, on the clipboard). Both take an
 * entry id or a tree row, as the other entry commands do; Copy Fact also takes the fact's index.
 */
export function registerWriterActions(loader: ReferenceSource, drafts: ActiveDraft): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.cite, async (arg?: unknown) => {
      const reference = await loader.get();
      const entry = reference?.entry(entryIdFrom(arg) ?? '');
      if (!reference || !entry) return false;
      const source = primarySource(entry, reference);
      if (!source) {
        void notify.info(vscode.l10n.t('This entry lists no source to cite.'));
        return false;
      }
      const editor = drafts.editor();
      if (!editor) {
        void notify.info(vscode.l10n.t('Open a Markdown draft and place the cursor where the citation should go, then cite again.'));
        return false;
      }
      const locator = locatorIn(entry, source.id);
      // Footnotes need a definition at the draft's end as well: the shared writer does both.
      if (citationStyle(editor.document) === 'footnote') return insertCitation(editor, source, locator);
      // The locator comes from the content: inert Markdown in the draft.
      const citation = reference.citation(source.id, { style: 'pandoc', locator: locator === undefined ? undefined : draftMarkdown(locator) })?.inline;
      if (!citation) return false;
      const done = await editor.edit((builder) => {
        for (const selection of editor.selections) {
          // "word[@id]" reads as one token to a writer; Pandoc wants the space anyway.
          const before = selection.start.character > 0 ? editor.document.getText(new vscode.Range(selection.start.translate(0, -1), selection.start)) : '';
          builder.replace(selection, /\S/.test(before) && before !== '(' ? ` ${citation}` : citation);
        }
      });
      if (done) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      return done;
    }),
    vscode.commands.registerCommand(COMMANDS.copyFactWithCitation, async (arg?: unknown, index?: unknown) => {
      const reference = await loader.get();
      const entry = reference?.entry(entryIdFrom(arg) ?? '');
      if (!reference || entry?.kind !== 'term' || entry.facts.length === 0) return false;
      let chosen = typeof index === 'number' && Number.isInteger(index) ? entry.facts[index] : undefined;
      if (chosen === undefined && index !== undefined) return false;
      if (chosen === undefined) {
        if (entry.facts.length === 1) chosen = entry.facts[0];
        else {
          const picked = await vscode.window.showQuickPick(
            // Labels render $(icon): content goes through uiLabel.
            entry.facts.map((fact, factIndex) => ({ label: `${factIndex + 1}. ${uiLabel(truncate(fact.text, 120))}`, fact })),
            { title: vscode.l10n.t('Copy Fact with Citation'), placeHolder: vscode.l10n.t('Which fact?') },
          );
          if (!picked) return false;
          chosen = picked.fact;
        }
      }
      await vscode.env.clipboard.writeText(factWithCitation(chosen, entry, reference));
      notify.status(vscode.l10n.t('Copied the fact with its citation.'), 3000);
      return true;
    }),
  ];
}

/** Where in a source the entry's own text is found: the event's locator, or the first fact's that cites it. */
function locatorIn(entry: Entry, sourceId: string): string | undefined {
  if (entry.kind === 'event') return entry.at?.[sourceId];
  if (entry.kind === 'term') {
    for (const fact of entry.facts) if (fact.at?.[sourceId]) return fact.at[sourceId];
  }
  return undefined;
}
