#!/usr/bin/env node
// Writes the JSON Schemas that package.json contributes (`jsonValidation`) for workspace
// glossaries, from the schemas of data/: a glossary's terms and sources are the same records.
// They live in media/schema/ because the .vsix ships media/ and not data/. Run it after a
// change to data/schema/; test/unit/workspaceGlossarySchema.test.ts fails until you do.
//
//   node test/tools/workspace-schema.js
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const read = (name) => JSON.parse(fs.readFileSync(path.join(root, 'data', 'schema', `${name}.schema.json`), 'utf8'));

/** The two schemas, as objects. Bounds match src/core/workspaceGlossary.ts GLOSSARY_LIMITS. */
function workspaceSchemas() {
  const term = structuredClone(read('term').items);
  term.properties.aliases.maxItems = 50;
  term.properties.aliases.description = `${term.properties.aliases.description} At most 50, each with at most 4 hyphens.`;
  term.properties.aliases.items.pattern = '^[\\p{L}\\p{N}][^-\\u2010-\\u2013]*(?:[-\\u2010-\\u2013][^-\\u2010-\\u2013]*){0,4}$';
  const source = structuredClone(read('source').items);
  const glossary = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'workspace-glossary.schema.json',
    title: 'Workspace glossary (*.terms.json)',
    description:
      'Terms for the US–Israel Reference, from this workspace: a JSON array of terms, or an object with "terms" and, inline, "sources". Terms may cite sources from a .sources.json file beside this one or from the bundled reference. At most 2,000 terms and 1 MB per file.',
    anyOf: [
      { type: 'array', maxItems: 2000, items: { $ref: '#/$defs/term' } },
      {
        type: 'object',
        additionalProperties: false,
        required: ['terms'],
        properties: {
          $schema: { type: 'string' },
          terms: { type: 'array', maxItems: 2000, items: { $ref: '#/$defs/term' } },
          sources: { type: 'array', maxItems: 2000, items: { $ref: '#/$defs/source' } },
        },
      },
    ],
    $defs: { term, source },
  };
  const sources = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'workspace-sources.schema.json',
    title: 'Workspace glossary sources (*.sources.json)',
    description: 'The sources of the glossary beside this file (team.sources.json serves team.terms.json): a JSON array of sources.',
    type: 'array',
    maxItems: 2000,
    items: source,
  };
  return { 'workspace-glossary.schema.json': glossary, 'workspace-sources.schema.json': sources };
}

module.exports = { workspaceSchemas };

if (require.main === module) {
  for (const [name, schema] of Object.entries(workspaceSchemas())) {
    fs.writeFileSync(path.join(root, 'media', 'schema', name), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote media/schema/${name}`);
  }
}
