// Workspace glossaries in a real VS Code: the fixture workspace holds team/team.terms.json (two
// terms, inline sources, an alias that clashes with the bundled QME) and team/broken.terms.json
// (malformed JSON). Files are read through workspace.fs, as in VS Code for the Web.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { waitFor, api, draft, untitled } from './drafts';
import { COMMANDS, VIEWS } from '../../src/vscode/ids';

async function revertDrafts(): Promise<void> {
  for (let open = 0; open < 20 && vscode.window.activeTextEditor; open++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

function workspaceFile(...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...path);
}

async function hoverText(document: vscode.TextDocument, needle: string): Promise<string> {
  const position = document.positionAt(document.getText().indexOf(needle) + 1);
  const hovers = await waitFor(async () => {
    const found = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
    return found.length > 0 ? found : undefined;
  }, `a hover over ${needle}`);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('workspace glossaries', function () {
  this.timeout(60_000);

  // Drafts are reverted before they close: a dirty untitled draft closed in VS Code for the Web
  // hands its URI (and its text) to the next draft another spec opens.
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revertDrafts();
  });

  it('loads the team glossary in a trusted window, and reports the broken file without losing the rest', async () => {
    const status = await (await api()).glossaryStatus();
    assert.isTrue(vscode.workspace.isTrusted);
    assert.equal(status.state, 'loaded');
    assert.isAtLeast(status.terms, 2);
    assert.isAtLeast(status.errors, 1);
    const broken = vscode.languages.getDiagnostics(workspaceFile('team', 'broken.terms.json'));
    assert.lengthOf(broken, 1);
    assert.equal(broken[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(broken[0].message, /^\(file\): is not valid JSON: /);
    // Placed on the "}" after the stray comma ("category": …,), on the seventh line.
    assert.equal(broken[0].range.start.line, 6);
    const clash = vscode.languages.getDiagnostics(workspaceFile('team', 'team.terms.json'));
    const clashed = clash.find((diagnostic) => diagnostic.code === 'alias-clash');
    assert.isDefined(clashed, JSON.stringify(clash.map((diagnostic) => diagnostic.message)));
    assert.match(clashed!.message, /"QME" is also an alias of the bundled term "qme"; the bundled term keeps it/);
    assert.equal(clashed!.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('gives workspace terms hover cards, leaves the clashing alias to the bundled term, and lists them under Workspace', async () => {
    const { document } = await draft('The HSP plan and the QME rule. DESKRULE applies.');
    assert.include(await hoverText(document, 'HSP'), 'Harbor Shield program');
    assert.include(await hoverText(document, 'QME'), 'Qualitative military edge');
    assert.include(await hoverText(document, 'DESKRULE'), 'Desk acronym rule');
    const roots = await (await api()).viewItems(VIEWS.glossary);
    const workspace = roots.at(-1)!;
    assert.equal(workspace.label, 'Workspace');
    // The hostile-input suite's glossary shares the fixture workspace; the team's terms are the rest.
    assert.deepEqual(workspace.children.map((row) => row.entryId).filter((id) => !id?.startsWith('hostile-')), ['desk-acronym', 'harbor-shield']);
    assert.isFalse(roots.slice(0, -1).some((root) => root.children.some((row) => row.entryId === 'harbor-shield')));
  });

  it('finds workspace terms in the search and opens them in the panel', async () => {
    const testApi = await api();
    await vscode.commands.executeCommand(COMMANDS.search, 'Harbor Shield');
    await waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return testApi.activePanel()?.state.entryId === 'harbor-shield' ? true : undefined;
    }, 'the panel to show Harbor Shield');
    assert.include(testApi.activePanel()!.title, 'Harbor Shield');
  });

  it('lists workspace terms in Terms in This Draft and flags their bare first use', async () => {
    const { document } = await draft('The HSP matters. Iron Dome too.');
    const rows = await waitFor(async () => {
      const found = await (await api()).draftTermRows();
      return found.length === 2 ? found : undefined;
    }, 'two draft rows');
    assert.deepEqual(rows.map((row) => row.label), ['Harbor Shield', 'Iron Dome']);
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === 'US–Israel Reference');
      return found.length > 0 ? found : undefined;
    }, 'a spell-out diagnostic on HSP');
    assert.match(diagnostics[0].message, /HSP/);
  });

  it('reloads a glossary when it is saved, and drops it when it is deleted', async () => {
    const testApi = await api();
    const uri = workspaceFile('team', 'scratch.terms.json');
    const termsBefore = (await testApi.glossaryStatus()).terms;
    const term = (title: string) => ({
      id: 'scratch-term',
      title,
      shortTitle: 'Scratch',
      aliases: ['SCRATCHY'],
      category: 'concepts-and-doctrine',
      summary: 'A term written by the test.',
      facts: [
        { text: 'One.', sources: ['crs-rl33222'], at: { 'crs-rl33222': 'Summary' } },
        { text: 'Two.', sources: ['crs-rl33222'], at: { 'crs-rl33222': 'Summary' } },
      ],
      sources: ['crs-rl33222'],
      asOf: '2025',
    });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify([term('Scratch first')], null, 2)));
    try {
      await testApi.reloadGlossaries();
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document);
      const titleAt = document.getText().indexOf('Scratch first');
      await editor.edit((builder) => builder.replace(new vscode.Range(document.positionAt(titleAt), document.positionAt(titleAt + 'Scratch first'.length)), 'Scratch second'));
      await document.save();
      const scratch = await untitled('See SCRATCHY.');
      await waitFor(async () => ((await hoverText(scratch, 'SCRATCHY')).includes('Scratch second') ? true : undefined), 'the saved title in the hover');
    } finally {
      await revertDrafts();
      await vscode.workspace.fs.delete(uri);
    }
    // The file search may list a just-deleted file for a moment; the watcher's reload settles it.
    await waitFor(async () => ((await testApi.glossaryStatus()).terms === termsBefore ? true : undefined), 'the deleted glossary to be dropped');
  });
});
