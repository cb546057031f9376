// The writing aids in a real VS Code: Terms in This Draft, spell out on first use with its quick
// fixes, completion, citations and the bibliography export. Runs in every extension host.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { draft, untitled, closeEditors, waitFor, api } from './drafts';
import { COMMANDS, EXTENSION_ID, SETTINGS, SETTINGS_SECTION, STATE_KEYS } from '../../src/vscode/ids';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'US–Israel Reference');

describe('writing aids', function () {
  this.timeout(60_000);

  afterEach(closeEditors);

  it('Terms in This Draft lists the draft’s terms in order of first use, follows edits and the active editor', async () => {
    const editor = await draft('Iron Dome first. Then the QME, and QME again.');
    const rows = await waitFor(async () => {
      const current = await (await api()).draftTermRows();
      return current.length === 2 ? current : undefined;
    }, 'two rows');
    // Short enough to sit beside the title at the default width; the spelling shows as the icon and is read out.
    assert.deepEqual(
      rows.map((row) => [row.description, row.icon]),
      [['1 use', 'symbol-key'], ['2 uses', 'warning']],
    );
    assert.match(rows[1].accessibilityLabel, /2 uses · not spelled out$/);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'FMF. '));
    await waitFor(async () => (await (await api()).draftTermRows()).length === 3, 'a third row after typing FMF');
    await draft('Nothing relevant here.');
    await waitFor(async () => (await (await api()).draftTermRows()).length === 0, 'an empty view for a draft without terms');
  });

  it('marks a bare first use with an Information diagnostic whose quick fix spells it out', async () => {
    const editor = await draft('The QME matters. Later the QME again.');
    // Needs the term's expansion from the reference ("qualitative military edge").
    const [diagnostic] = await waitFor(() => {
      const found = ours(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a spell-out diagnostic');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(editor.document.getText(diagnostic.range), 'QME');
    assert.equal(diagnostic.range.start.character, 4);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range)) ?? [];
    const titles = actions.map((action) => action.title);
    const spellOut = actions.find((action) => action.title.startsWith('Spell out: '));
    assert.isDefined(spellOut, titles.join(' | '));
    assert.include(titles, 'Treat QME as known');
    await vscode.workspace.applyEdit(spellOut!.edit!);
    assert.match(editor.document.getText(), /^The qualitative military edge \(QME\) matters\. Later the QME again\.$/i);
    await waitFor(() => ours(editor.document.uri).length === 0, 'the diagnostic to clear once spelled out');
  });

  it('"Treat QME as known" silences the rule for the workspace; the severity setting turns it off', async () => {
    const editor = await draft('QME first.');
    await waitFor(() => ours(editor.document.uri).length > 0, 'a diagnostic');
    await vscode.commands.executeCommand(COMMANDS.treatAsKnown, 'QME');
    await waitFor(() => ours(editor.document.uri).length === 0, 'no diagnostic once QME is known');
    // Undo, so other tests see the rule again (workspace state is shared).
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.isTrue(extension.isActive);
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const other = await draft('FMF first.');
    await waitFor(() => ours(other.document.uri).length > 0, 'a diagnostic on FMF');
    await configuration.update(SETTINGS.spellOutSeverity, 'off', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => ours(other.document.uri).length === 0, 'no diagnostic with the check off');
    } finally {
      await configuration.update(SETTINGS.spellOutSeverity, undefined, vscode.ConfigurationTarget.Global);
    }
    assert.isString(STATE_KEYS.knownAbbreviations);
  });

  it('completes term names and source ids, and stays quiet inside code', async () => {
    const editor = await draft('The Iron Do\n\nA claim [@crs-\n\n`Iron Do\n\nOur Qual');
    const complete = async (line: number, character: number) =>
      ((await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line, character)))?.items ?? []).map((item) =>
        typeof item.label === 'string' ? item.label : item.label.label,
      );
    assert.include(await complete(0, 11), 'Iron Dome');
    const keys = await complete(2, 14);
    assert.isTrue(keys.some((key) => key.startsWith('crs-')), keys.slice(0, 5).join(', '));
    assert.notInclude(await complete(4, 8), 'Iron Dome');
    // A name that differs only in case is offered once, as the writer typed it.
    const qual = (await complete(6, 8)).filter((label) => label.toLowerCase() === 'qualitative military edge');
    assert.deepEqual(qual, ['Qualitative military edge']);
  });

  it('Cite Source inserts a Pandoc citation at the cursor, and a hover on it names the source', async () => {
    // Typed right after the word, the citation still gets the space Pandoc expects before it.
    const editor = await draft('Aid rose');
    editor.selection = new vscode.Selection(0, 8, 0, 8);
    const { loadedSourceId } = await sourceIdFromHover();
    assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.citeSource, loadedSourceId));
    assert.equal(editor.document.getText(), `Aid rose [@${loadedSourceId}]`);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 14))) ?? [];
    const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n').replace(/&nbsp;/g, ' ');
    assert.include(text, 'Congressional Research Service');
  });

  it('Cite Source writes a footnote with the formatted reference when the setting asks for footnotes', async () => {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await configuration.update(SETTINGS.citationStyle, 'footnote', vscode.ConfigurationTarget.Global);
    try {
      const editor = await draft('Aid rose.');
      editor.selection = new vscode.Selection(0, 9, 0, 9);
      const { loadedSourceId } = await sourceIdFromHover();
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.citeSource, loadedSourceId));
      const text = editor.document.getText();
      assert.match(text, new RegExp(`^Aid rose\\.\\[\\^${loadedSourceId}\\]\\n\\n\\[\\^${loadedSourceId}\\]: .*Congressional Research Service, .*https://`));
    } finally {
      await configuration.update(SETTINGS.citationStyle, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Cite on an entry (panel, card, search, sidebar) follows the footnote setting too', async () => {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await configuration.update(SETTINGS.citationStyle, 'footnote', vscode.ConfigurationTarget.Global);
    try {
      const editor = await draft('QME rests on law.');
      editor.selection = new vscode.Selection(0, 17, 0, 17);
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.cite, 'qme'));
      assert.match(editor.document.getText(), /^QME rests on law\.\[\^([a-z0-9-]+)\]\n\n\[\^\1\]: .+, https?:\/\/\S+\n$/);
    } finally {
      await configuration.update(SETTINGS.citationStyle, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Export Bibliography opens CSL-JSON and BibTeX for the sources an untitled draft cites', async () => {
    const { loadedSourceId } = await sourceIdFromHover();
    await draft(`A claim [@${loadedSourceId}, p. 3] and [@not-a-source].`);
    const before = vscode.workspace.textDocuments.length;
    assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.exportBibliography));
    const opened = vscode.workspace.textDocuments.slice(before).map((document) => document.getText());
    const csl = opened.find((text) => text.trimStart().startsWith('['));
    const bib = opened.find((text) => text.startsWith('@'));
    assert.isDefined(csl);
    assert.deepEqual(JSON.parse(csl!).map((item: { id: string }) => item.id), [loadedSourceId]);
    assert.include(bib!, `{${loadedSourceId},`);
  });
});

/** A CRS source id the bundled reference has, found through the completion the writer would use. */
async function sourceIdFromHover(): Promise<{ loadedSourceId: string }> {
  const probe = await untitled('[@crs-');
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', probe.uri, new vscode.Position(0, 6));
  const labels = (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  const id = labels.find((label) => /^crs-rl33222/.test(label)) ?? labels.find((label) => label.startsWith('crs-'));
  assert.isDefined(id, 'a CRS source id');
  return { loadedSourceId: id! };
}
