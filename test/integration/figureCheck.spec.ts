// The figure check in a real VS Code: the warning on a planted wrong figure, its quick fixes
// (replace exactly the figure, replace and cite, ignore here), right figures left clean, the
// check following the writer's typing, the command and the setting. Runs in every extension host.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { COMMANDS, EXTENSION_ID, SETTINGS, SETTINGS_SECTION } from '../../src/vscode/ids';
import { closeEditors, untitled, sleep, waitFor } from './drafts';

async function draft(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  return vscode.window.showTextDocument(await untitled(content, language));
}

const figureWarnings = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'US–Israel Reference' && diagnostic.code === 'figure-check');

async function quickFixes(editor: vscode.TextEditor, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range)) ?? [];
}

const PLANTED = 'Under the 2016 MOU, the United States pledged $35 billion over ten years.';

describe('figure check', function () {
  this.timeout(60_000);

  // Reverting the drafts keeps the next one from inheriting an old one's name and text.
  afterEach(closeEditors);

  it('puts a Warning on exactly the wrong figure, saying the record’s figure and source in plain text', async () => {
    const editor = await draft(`# Notes\n\n${PLANTED}\n`);
    const [warning] = await waitFor(() => {
      const found = figureWarnings(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a figure warning');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(warning.range), '$35 billion');
    assert.include(warning.message, '$38 billion');
    assert.include(warning.message, 'CRS RL33222');
    assert.notMatch(warning.message, /\]\(|\[|`|command:/);
  });

  it('replaces exactly the figure with the quick fix, and the warning clears', async () => {
    const editor = await draft(PLANTED);
    const [warning] = await waitFor(() => {
      const found = figureWarnings(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a figure warning');
    const actions = await quickFixes(editor, warning.range);
    const titles = actions.map((action) => action.title);
    const replace = actions.find((action) => action.title === 'Replace with the reference figure: $38 billion');
    assert.isDefined(replace, titles.join(' | '));
    assert.isTrue(titles.some((title) => title.startsWith('Open “')), titles.join(' | '));
    assert.include(titles, 'Ignore this figure in this draft');
    assert.include(titles, 'Turn off the figure check');
    await vscode.workspace.applyEdit(replace!.edit!);
    assert.equal(editor.document.getText(), PLANTED.replace('$35 billion', '$38 billion'));
    await waitFor(() => figureWarnings(editor.document.uri).length === 0, 'the warning to clear once fixed');
  });

  it('replaces and cites: the Pandoc citation goes before the sentence’s full stop', async () => {
    const editor = await draft(PLANTED);
    const [warning] = await waitFor(() => {
      const found = figureWarnings(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a figure warning');
    const cite = (await quickFixes(editor, warning.range)).find((action) => action.title.startsWith('Replace with $38 billion and cite '));
    assert.isDefined(cite);
    await vscode.workspace.applyEdit(cite!.edit!);
    assert.match(editor.document.getText(), /^Under the 2016 MOU, the United States pledged \$38 billion over ten years \[@crs-rl33222-2025, [^\]]+\]\.$/);
  });

  it('leaves right figures in other forms, code, quotations and links clean', async () => {
    const editor = await draft(
      [
        'Under the 2016 MOU, Israel receives $3.8 billion a year, or 38 billion dollars ($38bn) in all, about $3.3 billion a year of it FMF; the 2016 MOU covers FY2019–2028.',
        '',
        'The Abraham Accords were signed on September 15, 2020 (15 September 2020 in European style).',
        '',
        'Under the 2007 MOU, Israel could convert 26.3 percent of its grant, or 26.3%.',
        '',
        'Iron Dome, used in every round of fighting since 2012, is the best known program.',
        '',
        'A critic said the 2016 MOU "gives Israel $40 billion a year"; see [the text](https://example.org/2016-mou/35-billion).',
        '',
        '```',
        'The 2016 MOU pledged $35 billion over ten years.',
        '```',
      ].join('\n'),
    );
    assert.equal(await vscode.commands.executeCommand<number>(COMMANDS.checkFigures), 0);
    await sleep(500);
    assert.deepEqual(figureWarnings(editor.document.uri).map((warning) => editor.document.getText(warning.range)), []);
  });

  it('flags a wrong figure as it is typed into a clean draft, and "ignore here" silences it', async () => {
    const editor = await draft('Iron Dome made its first interception in 2011.\n\nThe next paragraph.\n');
    await sleep(600);
    assert.lengthOf(figureWarnings(editor.document.uri), 0);
    // Type a new paragraph with a wrong year, as a writer would.
    await editor.edit((builder) => builder.insert(new vscode.Position(3, 0), '\nArrow 3 made its first interception in 2019.\n'));
    const [warning] = await waitFor(() => {
      const found = figureWarnings(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'a warning on the typed year');
    assert.equal(editor.document.getText(warning.range), '2019');
    const ignore = (await quickFixes(editor, warning.range)).find((action) => action.title === 'Ignore this figure in this draft');
    assert.isDefined(ignore?.command);
    await vscode.commands.executeCommand(ignore!.command!.command, ...(ignore!.command!.arguments ?? []));
    await waitFor(() => figureWarnings(editor.document.uri).length === 0, 'no warning once ignored here');
  });

  it('turns off with the setting; Check Figures in Draft still runs on demand', async () => {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await configuration.update(SETTINGS.figureCheckEnabled, false, vscode.ConfigurationTarget.Global);
    try {
      const editor = await draft(PLANTED);
      await sleep(600);
      assert.lengthOf(figureWarnings(editor.document.uri), 0);
      assert.equal(await vscode.commands.executeCommand<number>(COMMANDS.checkFigures), 1);
      assert.lengthOf(figureWarnings(editor.document.uri), 1);
    } finally {
      await configuration.update(SETTINGS.figureCheckEnabled, undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
