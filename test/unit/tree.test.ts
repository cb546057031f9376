import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { TERM_CATEGORIES, type Term } from '../../src/core/model';
import { loadReference } from '../../src/core/reference';
import { glossaryTree, indexTree, sectionsTree, timelineTree, type Tree, type TreeNode } from '../../src/core/tree';

const reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));

function allNodes(tree: Tree): TreeNode[] {
  const out: TreeNode[] = [];
  const visit = (node: TreeNode) => {
    out.push(node);
    node.children.forEach(visit);
  };
  tree.roots.forEach(visit);
  return out;
}

function checkIndex(tree: Tree): void {
  const nodes = allNodes(tree);
  assert.equal(new Set(nodes.map((node) => node.id)).size, nodes.length, 'node ids are unique');
  for (const root of tree.roots) assert.equal(tree.parents.get(root.id), undefined);
  for (const node of nodes) for (const child of node.children) assert.equal(tree.parents.get(child.id), node, `parent of ${child.id}`);
  for (const [entryId, node] of tree.byEntry) assert.equal(node.entryId, entryId);
}

describe('tree: Sections', () => {
  const tree = sectionsTree(reference);

  it('lists the sections in reading order', () => {
    assert.deepEqual(
      tree.roots.map((node) => node.entryId),
      reference.sections().map((section) => section.id),
    );
    assert.ok(tree.roots.every((node) => node.icon === 'book'));
  });

  it('holds each section’s subsections (with anchors) and then the terms it discusses', () => {
    for (const [index, section] of reference.sections().entries()) {
      const node = tree.roots[index];
      const subsections = node.children.filter((child) => child.anchor !== undefined);
      assert.deepEqual(subsections.map((child) => child.anchor), section.subsections.map((subsection) => subsection.id));
      assert.ok(subsections.every((child) => child.entryId === section.id));
      const terms = node.children.filter((child) => child.anchor === undefined);
      assert.deepEqual(terms.map((child) => child.entryId), section.terms);
      assert.ok(terms.every((child) => child.icon === 'symbol-key'));
      assert.deepEqual(node.children.slice(0, subsections.length), subsections, 'subsections come first');
    }
  });

  it('has unique ids, parents for getParent, and a row per section for reveal', () => {
    checkIndex(tree);
    for (const section of reference.sections()) assert.equal(tree.byEntry.get(section.id)?.id, `section:${section.id}`);
  });
});

describe('tree: Glossary', () => {
  const tree = glossaryTree(reference);

  it('groups every term under its category, in the model’s category order', () => {
    const order = TERM_CATEGORIES.map((category) => `category:${category.id}`);
    const ids = tree.roots.map((node) => node.id);
    assert.deepEqual(ids, order.filter((id) => ids.includes(id)));
    for (const group of tree.roots) {
      const category = group.id.slice('category:'.length);
      for (const child of group.children) assert.equal((reference.entry(child.entryId!) as { category: string }).category, category);
      assert.equal(group.description, String(group.children.length));
    }
    assert.equal(allNodes(tree).filter((node) => node.entryId).length, reference.terms().length);
  });

  it('sorts terms alphabetically within a category, ignoring case', () => {
    for (const group of tree.roots) {
      const labels = group.children.map((child) => child.label);
      assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    }
  });

  it('labels a term with its short title and keeps the full title in the tooltip', () => {
    const short = { ...(reference.entry('mou-2016') as Term), shortTitle: '2016 MOU (military aid)', title: '2016 Memorandum of Understanding on military aid' };
    const node = glossaryTree({ ...reference, terms: () => [short], sections: () => [], events: () => [], entry: () => short }).byEntry.get('mou-2016')!;
    assert.equal(node.label, '2016 MOU (military aid)');
    assert.match(node.tooltip!, /^2016 Memorandum of Understanding on military aid/);
    assert.equal(node.description, undefined, 'the label already carries the abbreviation');
  });

  it('shows the abbreviation and a tooltip with the summary', () => {
    const qme = tree.byEntry.get('qme')!;
    assert.equal(qme.description, 'QME');
    assert.ok(qme.tooltip!.includes((reference.entry('qme') as { summary: string }).summary));
    checkIndex(tree);
  });
});

describe('tree: Timeline', () => {
  const tree = timelineTree(reference, { newestFirst: false });

  it('lists the newest decade first by default, the newest event first in each', () => {
    const newest = timelineTree(reference);
    const decades = newest.roots.map((node) => node.label);
    assert.deepEqual(decades, [...decades].sort().reverse());
    for (const group of newest.roots) {
      const dates = group.children.map((child) => (reference.entry(child.entryId!) as { date: string }).date);
      assert.deepEqual(dates, [...dates].sort().reverse());
    }
    assert.equal(allNodes(newest).filter((node) => node.entryId).length, reference.events().length);
    checkIndex(newest);
  });

  it('groups events by decade, oldest first when asked, each under the decade of its date', () => {
    const decades = tree.roots.map((node) => node.label);
    assert.deepEqual(decades, [...decades].sort());
    for (const group of tree.roots) {
      assert.match(group.label, /^\d{3}0s$/);
      for (const child of group.children) assert.ok((reference.entry(child.entryId!) as { date: string }).date.startsWith(group.label.slice(0, 3)));
      const dates = group.children.map((child) => (reference.entry(child.entryId!) as { date: string }).date);
      assert.deepEqual(dates, [...dates].sort());
    }
    assert.equal(allNodes(tree).filter((node) => node.entryId).length, reference.events().length);
    checkIndex(tree);
  });
});

describe('tree: indexTree', () => {
  it('prefers the row for the whole entry over a subsection row', () => {
    const roots: TreeNode[] = [
      {
        id: 's',
        label: 'S',
        icon: 'book',
        entryId: 'sec',
        children: [{ id: 's#a', label: 'A', icon: 'bookmark', entryId: 'sec', anchor: 'a', children: [] }],
      },
    ];
    const tree = indexTree(roots);
    assert.equal(tree.byEntry.get('sec')?.id, 's');
    assert.equal(tree.parents.get('s#a')?.id, 's');
  });
});
