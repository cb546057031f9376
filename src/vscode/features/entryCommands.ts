import * as vscode from 'vscode';
import { markdownLink } from '../../core/render/format';
import { noticeValue } from '../../core/safeText';
import { COMMANDS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { notify } from '../notify';
import type { ActiveDraft } from '../activeDraft';
import { anchorFrom, entryIdFrom } from './entryArgs';
import type { PanelManager } from './panel';

/**
 * The commands that act on one entry, from the tree's context menu, hover links and search:
 * open (here or to the side), copy as a Markdown link, insert into the draft.
 */
export function registerEntryCommands(loader: ReferenceSource, panels: PanelManager, drafts: ActiveDraft): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.openEntry, async (arg?: unknown, options?: unknown) => {
      const id = entryIdFrom(arg);
      // Run bare (a keybinding, another extension): there is nothing to open, so ask.
      if (id === undefined) return vscode.commands.executeCommand(COMMANDS.search);
      const flags = typeof options === 'object' && options !== null ? (options as { preserveFocus?: unknown; toSide?: unknown }) : {};
      return panels.open(id, { anchor: anchorFrom(options) ?? anchorFrom(arg), preserveFocus: flags.preserveFocus === true, toSide: flags.toSide === true });
    }),
    vscode.commands.registerCommand(COMMANDS.openEntryToSide, async (arg?: unknown) => {
      const id = entryIdFrom(arg);
      return id === undefined ? false : panels.open(id, { anchor: anchorFrom(arg), toSide: true, preserveFocus: true });
    }),
    vscode.commands.registerCommand(COMMANDS.copyMarkdownLink, async (arg?: unknown) => {
      const reference = await loader.get();
      const entry = reference?.entry(entryIdFrom(arg) ?? '');
      if (!reference || !entry) return false;
      await vscode.env.clipboard.writeText(markdownLink(entry, reference));
      notify.status(vscode.l10n.t('Copied a Markdown link to “{0}”.', noticeValue(entry.title)), 3000);
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.insertIntoDraft, async (arg?: unknown) => {
      const reference = await loader.get();
      const entry = reference?.entry(entryIdFrom(arg) ?? '');
      if (!reference || !entry) return false;
      const editor = drafts.editor();
      if (!editor) {
        // A fixed message: content in notification text could become a command link (security review F1).
        void notify.info(vscode.l10n.t('Open a Markdown draft and place the cursor where the link should go, then insert it again.'));
        return false;
      }
      const text = markdownLink(entry, reference);
      // One edit call is one undo step, across every cursor.
      const done = await editor.edit((builder) => {
        for (const selection of editor.selections) builder.replace(selection, text);
      });
      if (done) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      return done;
    }),
  ];
}
