// The writer's loop through the real UI: what Enter opens in the real QuickPick, where the panel
// lands beside the draft, and the actions of the hover card and the panel acting on the draft
// the writer came from. Complements reference.spec.ts, which covers each feature on its own.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { closeEditors, untitled, sleep, waitFor, api } from './drafts';
import { loadReference, type Reference } from '../../src/core/reference';
import { COMMANDS, EXTENSION_ID, PANEL_VIEW_TYPE, SETTINGS, SETTINGS_SECTION, VIEWS } from '../../src/vscode/ids';
import { unmatchableLabel as unmatchable } from '../../src/core/quickPickLabel';

async function draft(content: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await untitled(content), vscode.ViewColumn.One);
}

/** The editor group the reference panel's tab is in, or undefined when there is no panel. */
function panelColumns(): vscode.ViewColumn[] {
  return vscode.window.tabGroups.all.filter((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(PANEL_VIEW_TYPE))).map((group) => group.viewColumn);
}

/** Whether the draft is on screen: its tab is the active tab of its group. */
function draftVisible(document: vscode.TextDocument): boolean {
  return vscode.window.visibleTextEditors.some((editor) => editor.document === document);
}

/** Types `query` into the reference search, lets the real QuickPick show it, and presses Enter. */
async function searchAndEnter(query: string): Promise<void> {
  // The command resolves once the picker has its items; the workbench then filters and orders them.
  await vscode.commands.executeCommand(COMMANDS.search, query);
  await sleep(400);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** Every `command:` link in a hover's Markdown, decoded: [command, args]. */
function commandLinks(markdown: string): { label: string; command: string; args: unknown[] }[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^ )]+)/g)].map((match) => ({
    label: match[1],
    command: match[2],
    args: JSON.parse(decodeURIComponent(match[3])) as unknown[],
  }));
}

async function hoverMarkdown(document: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset))) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('the writer’s loop', function () {
  this.timeout(60_000);

  beforeEach(closeEditors);
  after(closeEditors);

  describe('the real QuickPick keeps the core’s order', () => {
    it('re-sorts plain labels by its own measure (the control), but not labels made unmatchable', async () => {
      const order = async (labels: (title: string) => string) => {
        await sleep(300);
        const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
        // The core's order: QME first; the second title also contains "QME" earlier in the label.
        picker.items = [
          { id: 'qme', label: labels('Qualitative military edge (QME)'), alwaysShow: true },
          { id: 'nvta', label: labels('QME law: Naval Vessel Transfer Act of 2008'), alwaysShow: true },
        ];
        picker.value = 'qme';
        let active: string | undefined;
        picker.onDidChangeActive((items) => (active = items[0]?.id));
        picker.show();
        try {
          await waitFor(() => active, 'an active item', 3000).catch(() => undefined);
          console.log(`      [quick pick] active: ${active}; activeItems: ${picker.activeItems.map((item) => item.id).join(', ')}`);
          return active;
        } finally {
          picker.dispose();
        }
      };
      assert.equal(await order((title) => title), 'nvta', 'VS Code moves its best label match to the top');
      assert.equal(await order(unmatchable), 'qme', 'with unmatchable labels the given order stands');
    });

    // The core's ranking, read from the index the extension ships (the unit tests pin what it ranks first).
    let core: Reference;
    before(async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      core = loadReference(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'reference-index.json'))));
    });
    for (const query of ['qme', 'mou', 'thaad', 'nickel grass', 'iron dome']) {
      it(`Enter on "${query}" opens the core’s first result`, async () => {
        const testApi = await api();
        await draft('A draft.');
        await searchAndEnter(query);
        const entryId = await waitFor(() => testApi.activePanel()?.state.entryId, 'a panel');
        assert.equal(entryId, core.search(query, { limit: 1 })[0].id);
      });
    }
  });

  describe('nothing the extension opens hides the draft', () => {
    it('Search + Enter opens the panel beside the draft, and it stays there', async () => {
      const editor = await draft('The QME and Iron Dome.');
      await searchAndEnter('iron dome');
      await waitFor(() => panelColumns().length > 0, 'the panel');
      assert.deepEqual(panelColumns(), [vscode.ViewColumn.Two]);
      assert.isTrue(draftVisible(editor.document), 'the draft is still on screen');
      await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, 'qme'));
      assert.deepEqual(panelColumns(), [vscode.ViewColumn.Two], 'the next entry reuses the panel where it is');
      assert.isTrue(draftVisible(editor.document));
    });

    it('moves a panel that shares the draft’s group beside it', async () => {
      const editor = await draft('The QME.');
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'qme');
      await waitFor(() => panelColumns().length > 0, 'the panel');
      // The layout an older version left behind: the panel as a tab over the draft.
      await vscode.commands.executeCommand('workbench.action.moveEditorToFirstGroup');
      await waitFor(() => panelColumns()[0] === vscode.ViewColumn.One && !draftVisible(editor.document), 'the panel over the draft');
      // Focus returning to the moved panel would close a QuickPick, so open the next entry directly.
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, 'leahy-laws'));
      await waitFor(() => panelColumns()[0] === vscode.ViewColumn.Two, 'the panel beside the draft');
      await waitFor(() => draftVisible(editor.document), 'the draft on screen again');
    });
  });

  describe('the panel’s actions act on the draft the writer came from', () => {
    it('Insert into Draft and Cite write at the draft’s cursor while the panel has focus', async () => {
      const testApi = await api();
      const editor = await draft('Before  after.');
      const cursor = editor.document.positionAt('Before '.length);
      editor.selection = new vscode.Selection(cursor, cursor);
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'iron-dome');
      await waitFor(() => vscode.window.activeTextEditor === undefined, 'the panel to take focus');
      assert.isTrue(await testApi.postPanelMessage({ type: 'insertIntoDraft' }));
      assert.match(editor.document.getText(), /^Before \[Iron Dome\]\(https?:\/\/[^)\s]+\) after\.$/);
      assert.isTrue(await testApi.postPanelMessage({ type: 'cite' }));
      assert.match(editor.document.getText(), /\) \[@[a-z0-9-]+(, [^\]]+)?\] after\.$/, 'a Pandoc citation after the link');
    });

    it('Copy Fact with Citation copies one fact with its formatted source', async () => {
      const testApi = await api();
      await draft('A draft.');
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'iron-dome');
      await vscode.env.clipboard.writeText('');
      assert.isTrue(await testApi.postPanelMessage({ type: 'copyFact', index: 1 }));
      const copied = await vscode.env.clipboard.readText();
      assert.match(copied, /^US defense appropriations for Iron Dome .* \(Sources?: .*“.*,” .*https?:\/\/\S+\)$/);
      assert.isFalse(await testApi.postPanelMessage({ type: 'copyFact', index: 99 }), 'no such fact');
    });
  });

  describe('the hover card’s actions', () => {
    it('sit above the summary and run: Insert into Draft, Cite, Copy Link', async () => {
      const editor = await draft('We rely on Iron Dome here.');
      const document = editor.document;
      const markdown = await hoverMarkdown(document, document.getText().indexOf('Iron Dome') + 2);
      const links = commandLinks(markdown);
      const labels = links.map((link) => link.label);
      for (const label of ['Insert into Draft', 'Cite', 'Copy Link', 'Copy Fact…', 'Open in Panel']) assert.include(labels, label);
      assert.isBelow(markdown.indexOf('Insert into Draft'), markdown.indexOf('short\\-range'), 'actions before the summary');
      const end = document.positionAt(document.getText().length);
      editor.selection = new vscode.Selection(end, end);
      const cite = links.find((link) => link.label === 'Cite')!;
      assert.isTrue(await vscode.commands.executeCommand<boolean>(cite.command, ...cite.args));
      assert.match(document.getText(), /here\. \[@[a-z0-9-]+(, [^\]]+)?\]$/);
      await vscode.env.clipboard.writeText('');
      const copy = links.find((link) => link.label === 'Copy Link')!;
      assert.isTrue(await vscode.commands.executeCommand<boolean>(copy.command, ...copy.args));
      assert.match(await vscode.env.clipboard.readText(), /^\[Iron Dome\]\(https?:/);
    });

    it('offers Insert Expansion only before the draft spells the term out, and writes the expansion', async () => {
      const text = 'QME first. Then the qualitative military edge (QME) again. A later QME.';
      const editor = await draft(text);
      const document = editor.document;
      const first = await hoverMarkdown(document, 1);
      const later = await hoverMarkdown(document, text.lastIndexOf('QME') + 1);
      assert.notInclude(later, 'Insert Expansion', 'spelled out before the later use');
      const expand = commandLinks(first).find((link) => link.label === 'Insert Expansion');
      assert.isDefined(expand, 'offered at the first use');
      assert.isTrue(await vscode.commands.executeCommand<boolean>(expand!.command, ...expand!.args));
      assert.isTrue(document.getText().startsWith('Qualitative military edge (QME) first.'), document.getText());
    });
  });

  describe('the Timeline view', () => {
    it('lists the newest decade first, and the oldest first when the setting is off', async () => {
      const testApi = await api();
      const labels = async () => (await testApi.viewItems(VIEWS.timeline)).map((item) => item.label);
      const newest = await labels();
      assert.deepEqual(newest, [...newest].sort().reverse());
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      await config.update(SETTINGS.timelineNewestFirst, false, vscode.ConfigurationTarget.Global);
      try {
        const oldest = await waitFor(async () => {
          const now = await labels();
          return now[0] === [...newest].sort()[0] ? now : undefined;
        }, 'the oldest decade first');
        assert.deepEqual(oldest, [...newest].sort());
      } finally {
        await config.update(SETTINGS.timelineNewestFirst, undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
});
