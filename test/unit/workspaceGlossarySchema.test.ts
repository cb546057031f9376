import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { GLOSSARY_LIMITS } from '../../src/core/workspaceGlossary';

// The schemas package.json contributes for workspace glossaries are made from data/schema by
// test/tools/workspace-schema.js; this keeps the committed files and their bounds in step.
const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { workspaceSchemas } = require(join(root, 'test', 'tools', 'workspace-schema.js')) as { workspaceSchemas: () => Record<string, unknown> };

describe('workspace glossary schemas (contributes.jsonValidation)', () => {
  it('are the ones generated from data/schema: run `node test/tools/workspace-schema.js` after changing those', () => {
    for (const [name, schema] of Object.entries(workspaceSchemas())) {
      assert.deepEqual(JSON.parse(readFileSync(join(root, 'media', 'schema', name), 'utf8')), schema, name);
    }
  });

  it('state the bounds the run-time reader enforces', () => {
    const glossary = workspaceSchemas()['workspace-glossary.schema.json'] as { anyOf: { maxItems?: number }[]; $defs: { term: { properties: { aliases: { maxItems: number; items: { pattern: string } } } } } };
    assert.equal(glossary.anyOf[0].maxItems, GLOSSARY_LIMITS.maxTerms);
    assert.equal(glossary.$defs.term.properties.aliases.maxItems, GLOSSARY_LIMITS.maxAliasesPerTerm);
    const pattern = new RegExp(glossary.$defs.term.properties.aliases.items.pattern, 'u');
    assert.ok(pattern.test('F-35I-A-B-C'));
    assert.ok(!pattern.test('A-B-C-D-E-F'));
  });

  it('are contributed for the glossary files and shipped in the package', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string | string[]; url: string }[] } };
    const byUrl = new Map(manifest.contributes.jsonValidation.map((entry) => [entry.url, ([] as string[]).concat(entry.fileMatch)]));
    assert.deepEqual(byUrl.get('./media/schema/workspace-glossary.schema.json'), ['*.terms.json']);
    assert.deepEqual(byUrl.get('./media/schema/workspace-sources.schema.json'), ['*.sources.json']);
    assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!media\/schema\/\*\.json$/m, '.vscodeignore ships the schemas');
  });
});
