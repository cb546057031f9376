// The extension's features inside a real VS Code: activation, commands, the three views, hover
// cards, search, the panel and its validated message path, and the draft-editing commands.
// Runs in both extension hosts; assertions use chai (Node's assert is missing in the worker).
import * as vscode from 'vscode';
import { assert } from 'chai';
import { draft, untitled, closeEditors, waitFor, api } from './drafts';
import manifest from '../../package.json';
import { COMMANDS, EXTENSION_ID, SETTINGS, SETTINGS_SECTION, VIEWS } from '../../src/vscode/ids';
import type { ExtensionApi } from '../../src/vscode/testApi';

/** The plain text of every hover VS Code collects at `needle` (plus `shift` characters). */
async function hoverText(document: vscode.TextDocument, needle: string, shift = 1, occurrence = 0): Promise<{ text: string; hovers: vscode.Hover[] }> {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = document.getText().indexOf(needle, offset + 1);
  assert.isAtLeast(offset, 0, `"${needle}" is in the document`);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + shift))) ?? [];
  const text = hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
  return { text, hovers };
}

async function closeAll(): Promise<void> {
  await closeEditors();
}

describe('US–Israel Reference in the editor', function () {
  this.timeout(60_000);

  before(async () => {
    // Activation is what a Markdown document triggers; the smoke spec measures it, this one relies on it.
    await draft('# Activation\n\nQME.');
    await waitFor(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation on a Markdown document', 20_000);
  });

  after(closeAll);

  describe('activation and contributions', () => {
    it('activates on a Markdown document and exposes its test API', async () => {
      const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
      assert.isTrue(extension.isActive);
      assert.isFunction(extension.exports.viewItems);
    });

    it('registers every contributed command', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed = (manifest.contributes.commands as { command: string }[]).map((command) => command.command);
      assert.sameMembers(contributed, Object.values(COMMANDS));
      for (const command of contributed) assert.isTrue(registered.has(command), command);
    });
  });

  describe('sidebar views', () => {
    it('Sections lists the nine parts, each with subsections and terms', async () => {
      const items = await (await api()).viewItems(VIEWS.sections);
      assert.lengthOf(items, 9);
      assert.equal(items[0].label, 'Introduction');
      const security = items.find((item) => item.entryId === 'security-cooperation-and-arms-sales');
      assert.isDefined(security);
      assert.include(security!.children.map((child) => child.label), 'Missile defense');
      assert.include(security!.children.map((child) => child.entryId), 'iron-dome');
    });

    it('Glossary groups terms by category, alphabetically', async () => {
      const items = await (await api()).viewItems(VIEWS.glossary);
      assert.isAtLeast(items.length, 5);
      const weapons = items.find((item) => item.label === 'Weapons and programs');
      assert.isDefined(weapons);
      const labels = weapons!.children.map((child) => child.label);
      assert.include(labels, 'Iron Dome');
      assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    });

    it('Timeline groups events by decade', async () => {
      const items = await (await api()).viewItems(VIEWS.timeline);
      assert.isAtLeast(items.length, 5);
      for (const item of items) assert.match(item.label, /^\d{3}0s$/);
      assert.isTrue(items.every((item) => item.children.length > 0));
    });

    it('the sidebar container opens', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.usIsraelReference');
      await vscode.commands.executeCommand(`${VIEWS.glossary}.focus`);
    });
  });

  describe('hover cards', () => {
    let document: vscode.TextDocument;

    before(async () => {
      document = (
        await draft(
          [
            '# Draft',
            '',
            "Israel's QME is written into law. Iron Dome's batteries are co-produced.",
            '',
            'Inline code such as `QME` is skipped, and so is [a link](https://example.org/QME).',
            '',
            '```text',
            'QME in a code block is not a term.',
            '```',
          ].join('\n'),
        )
      ).document;
    });

    it('on "QME" names the qualitative military edge, with the match as its range', async () => {
      const { text, hovers } = await hoverText(document, 'QME is written');
      assert.match(text, /qualitative military edge/i);
      assert.include(text, 'command:usIsraelReference.openEntry');
      const ours = hovers.find((hover) => hover.range && document.getText(hover.range) === 'QME');
      assert.isDefined(ours, 'the hover range is the occurrence');
    });

    it('on "Iron Dome\'s" names Iron Dome', async () => {
      const { text } = await hoverText(document, "Iron Dome's", 6);
      assert.match(text, /Iron Dome/);
    });

    it('shows nothing inside a code span, a code block or a link destination', async () => {
      for (const [needle, shift, occurrence] of [
        ['`QME`', 2, 0],
        ['QME in a code block', 1, 0],
        ['example.org/QME', 13, 0],
      ] as const) {
        const { text } = await hoverText(document, needle, shift, occurrence);
        assert.notMatch(text, /qualitative military edge/i, needle);
      }
    });

    it('works in plain text too, and not at all when the setting turns it off', async () => {
      const plain = (await draft('The QME again.', 'plaintext')).document;
      assert.match((await hoverText(plain, 'QME')).text, /qualitative military edge/i);
      const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      await config.update(SETTINGS.hoverEnabled, false, vscode.ConfigurationTarget.Global);
      try {
        await waitFor(() => vscode.workspace.getConfiguration(SETTINGS_SECTION).get(SETTINGS.hoverEnabled) === false, 'the setting to apply');
        assert.notMatch((await hoverText(plain, 'QME')).text, /qualitative military edge/i);
      } finally {
        await config.update(SETTINGS.hoverEnabled, undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('answers on a 5 MB single-line document as on a short draft', async () => {
      // Speed is the benchmark's job (npm run bench measures termAt); this checks the card is
      // right on a huge line and logs the editor round trip beside a short draft's for comparison.
      const filler = 'lorem ipsum dolor sit amet '.repeat(100_000);
      const large = await untitled(`${filler}the QME ${filler}`);
      const short = await untitled('A short draft about the QME.');
      const timings: string[] = [];
      for (const [label, document] of [['short draft', short], ['5.4 MB single line', large]] as const) {
        const position = document.positionAt(document.getText().indexOf('the QME') + 5);
        // The first request on a newly opened document also pays for the workbench setting up its model.
        await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position.translate(0, -5));
        const started = Date.now();
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
        timings.push(`${label} ${Date.now() - started} ms`);
        const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
        assert.match(text, /qualitative military edge/i, label);
      }
      console.log(`    [measure] hover round trip: ${timings.join(', ')}`);
    });
  });

  describe('panel', () => {
    beforeEach(closeAll);

    it('the open command shows the entry in the panel', async () => {
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, 'qme'));
      const panel = (await api()).activePanel();
      assert.equal(panel?.title, 'Qualitative military edge');
      assert.equal(panel?.state.entryId, 'qme');
    });

    it('the search opens the entry chosen in it', async () => {
      await vscode.commands.executeCommand(COMMANDS.search, 'iron dome');
      const testApi = await api();
      // Accept the first result the way Enter does.
      await waitFor(async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return testApi.activePanel()?.state.entryId === 'iron-dome';
      }, 'the search result to open');
      assert.equal(testApi.activePanel()?.title, 'Iron Dome');
    });

    it('navigates through validated messages: links, Back, Forward; drops anything else', async () => {
      const testApi = await api();
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'iron-dome');
      assert.isTrue(await testApi.postPanelMessage({ type: 'open', id: 'arrow-3' }));
      assert.equal(testApi.activePanel()?.state.entryId, 'arrow-3');
      assert.deepEqual(testApi.activePanel()?.state.history, { back: ['iron-dome'], forward: [] });

      assert.isTrue(await testApi.postPanelMessage({ type: 'back' }));
      assert.equal(testApi.activePanel()?.state.entryId, 'iron-dome');
      assert.equal(testApi.activePanel()?.title, 'Iron Dome');
      assert.isTrue(await testApi.postPanelMessage({ type: 'forward' }));
      assert.equal(testApi.activePanel()?.state.entryId, 'arrow-3');
      assert.isFalse(await testApi.postPanelMessage({ type: 'forward' }), 'nothing ahead');

      for (const bad of [
        { type: 'open', id: 'no-such-entry' },
        { type: 'open', id: 'qme', html: '<script>' },
        { type: 'openExternal', url: 'https://evil.example/' },
        { type: 'openExternal', url: 'javascript:alert(1)' },
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        'open',
      ]) {
        assert.isFalse(await testApi.postPanelMessage(bad), JSON.stringify(bad));
      }
      assert.equal(testApi.activePanel()?.state.entryId, 'arrow-3', 'dropped messages change nothing');
    });

    it('a pinned panel keeps its entry and sends its links to a new panel', async () => {
      const testApi = await api();
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'iron-dome');
      assert.isTrue(await testApi.postPanelMessage({ type: 'pin' }));
      assert.isTrue(testApi.activePanel()?.state.pinned);
      assert.match(testApi.activePanel()!.title, /Iron Dome/);
      assert.isTrue(await testApi.postPanelMessage({ type: 'open', id: 'qme' }));
      assert.equal(testApi.activePanel()?.state.entryId, 'qme', 'the link opened in another panel');
      assert.notOk(testApi.activePanel()?.state.pinned);
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'arrow-3');
      assert.equal(testApi.activePanel()?.state.entryId, 'arrow-3', 'the unpinned panel is reused');
      assert.deepEqual(testApi.activePanel()?.state.history.back, ['qme']);
    });

    it('opens a subsection and takes tree rows as arguments (context menu)', async () => {
      const testApi = await api();
      await vscode.commands.executeCommand(COMMANDS.openEntry, 'security-cooperation-and-arms-sales', { anchor: 'missile-defense' });
      assert.equal(testApi.activePanel()?.state.entryId, 'security-cooperation-and-arms-sales');
      assert.equal(testApi.activePanel()?.state.anchor, 'missile-defense');
      const row = (await testApi.viewItems(VIEWS.glossary)).flatMap((group) => group.children).find((item) => item.entryId === 'arrow-3');
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntryToSide, row));
      assert.equal(testApi.activePanel()?.state.entryId, 'arrow-3');
      assert.isFalse(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, 'no-such-entry'));
    });

    it('Look Up Term at Cursor opens the term under the cursor', async () => {
      const editor = await draft('The 2016 MOU and the QME.');
      const offset = editor.document.getText().indexOf('QME') + 3; // just after the word
      editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.lookUpTerm));
      assert.equal((await api()).activePanel()?.state.entryId, 'qme');
    });
  });

  describe('draft commands', () => {
    beforeEach(closeAll);

    it('Insert into Draft writes a Markdown link at the cursor as one undoable edit', async () => {
      const editor = await draft('Before  after.');
      const position = editor.document.positionAt('Before '.length);
      editor.selection = new vscode.Selection(position, position);
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.insertIntoDraft, 'qme'));
      assert.match(editor.document.getText(), /^Before \[Qualitative military edge \(QME\)\]\(https?:\/\/[^)\s]+\) after\.$/);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), 'Before  after.');
    });

    it('Copy as Markdown Link puts the link on the clipboard', async () => {
      await vscode.env.clipboard.writeText('');
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.copyMarkdownLink, { entryId: 'iron-dome' }));
      assert.match(await vscode.env.clipboard.readText(), /^\[Iron Dome\]\(https?:\/\/[^)\s]+\)$/);
    });

    it('Insert Expansion writes out the abbreviation it was shown for, only while the text is unchanged', async () => {
      const editor = await draft('We keep the QME in view.');
      const start = editor.document.getText().indexOf('QME');
      const target = { uri: editor.document.uri.toString(), range: [0, start, 0, start + 3], text: 'QME', termId: 'qme' };
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.insertExpansion, target));
      assert.equal(editor.document.getText(), 'We keep the qualitative military edge (QME) in view.');
      assert.isFalse(await vscode.commands.executeCommand<boolean>(COMMANDS.insertExpansion, target), 'stale target');
    });
  });
});
