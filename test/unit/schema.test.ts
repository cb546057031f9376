import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { EVENT_FIELDS, FACT_FIELDS, SOURCE_FIELDS, TERM_FIELDS } from '../../src/core/content';
import { SOURCE_TYPES, TERM_CATEGORIES } from '../../src/core/model';

// The JSON Schemas in data/schema/ serve editors (completion, red squiggles); the build's
// validator is what enforces the rules. These tests keep the two describing the same records.

const dataDirectory = join(__dirname, '..', '..', 'data');

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  items?: Schema;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

function loadSchema(name: string): Schema {
  return JSON.parse(readFileSync(join(dataDirectory, 'schema', `${name}.schema.json`), 'utf8')) as Schema;
}

/** Checks a value against the few keywords the schemas use; returns the problems found. */
function check(schema: Schema, value: unknown, path: string): string[] {
  const problems: string[] = [];
  if (schema.enum && !schema.enum.includes(value as string)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (schema.type === 'array' || schema.items) {
    if (!Array.isArray(value)) return [`${path}: not an array`];
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) problems.push(`${path}: repeated items`);
    value.forEach((item, index) => problems.push(...check(schema.items ?? {}, item, `${path}[${index}]`)));
  }
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${path}.${key}: missing`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (!property) {
        if (schema.additionalProperties === false) problems.push(`${path}.${key}: not allowed`);
        continue;
      }
      problems.push(...check(property, item, `${path}.${key}`));
    }
  }
  if (schema.type === 'string' || schema.pattern || schema.minLength !== undefined) {
    if (typeof value !== 'string') return [...problems, `${path}: not a string`];
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
  }
  return problems;
}

const KINDS = [
  { name: 'term', folder: 'terms', fields: TERM_FIELDS },
  { name: 'event', folder: 'events', fields: EVENT_FIELDS },
  { name: 'source', folder: 'sources', fields: SOURCE_FIELDS },
] as const;

describe('JSON Schemas for data/', () => {
  for (const kind of KINDS) {
    it(`${kind.name}.schema.json names exactly the fields the validator accepts`, () => {
      const record = loadSchema(kind.name).items!;
      assert.deepEqual(Object.keys(record.properties!).sort(), [...kind.fields].sort());
      assert.equal(record.additionalProperties, false);
      for (const field of record.required!) assert.ok((kind.fields as readonly string[]).includes(field), field);
    });

    it(`every file in data/${kind.folder}/ conforms to ${kind.name}.schema.json`, () => {
      const schema = loadSchema(kind.name);
      const files = readdirSync(join(dataDirectory, kind.folder)).filter((name) => name.endsWith('.json'));
      assert.ok(files.length > 0);
      for (const name of files) {
        const value = JSON.parse(readFileSync(join(dataDirectory, kind.folder, name), 'utf8'));
        assert.deepEqual(check(schema, value, `data/${kind.folder}/${name}`), []);
      }
    });
  }

  it('lists the categories, source types and fact fields the model defines', () => {
    const term = loadSchema('term').items!;
    assert.deepEqual(term.properties!.category.enum, TERM_CATEGORIES.map((category) => category.id));
    assert.deepEqual(Object.keys(term.properties!.facts.items!.properties!).sort(), [...FACT_FIELDS].sort());
    assert.deepEqual(loadSchema('source').items!.properties!.type.enum, [...SOURCE_TYPES]);
  });

  it('rejects what the validator rejects, so the check above can fail', () => {
    const schema = loadSchema('term');
    const problems = check(schema, [{ id: 'Bad Id', title: 'T', aliases: ['arrow'], category: 'weapons', summary: 'x'.repeat(301), facts: [], sources: [], typo: 1 }], 'terms');
    for (const expected of ['.id: does not match', '.category: "weapons" is not one of', '.summary: longer than 300', '.facts: fewer than 2', '.sources: fewer than 1', '.typo: not allowed']) {
      assert.ok(problems.some((problem) => problem.includes(expected)), `${expected} in ${problems.join('; ')}`);
    }
  });
});
