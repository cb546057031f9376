// The benchmark draft, shared by `npm run bench` and `npm run bench:figures` so both measure
// the same text: a realistic 1 MB Markdown draft with term mentions, headings, lists, links and
// code, from a fixed seed.
'use strict';

// A fixed seed keeps the generated draft and the offsets the same from run to run.
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = (
  'The committee heard testimony on the budget request and on how the program would be ' +
  'overseen. Analysts differ on the figures, and the record shows several revisions over the ' +
  'years. Officials described the arrangement as routine, while critics asked for more detail ' +
  'about conditions, reporting and the pace of deliveries to the region.'
).split(' ');

/** A realistic 1 MB draft: prose with term mentions, headings, lists, links, inline and fenced code. */
function generateDraft(bytes, random, aliases) {
  const parts = [];
  let length = 0;
  let paragraph = 0;
  while (length < bytes) {
    paragraph++;
    let text;
    if (paragraph % 17 === 0) text = '```ts\nconst QME = loadReference(); // Iron Dome in code\n```';
    else if (paragraph % 11 === 0) text = `## Notes on ${aliases[Math.floor(random() * aliases.length)]}`;
    else if (paragraph % 7 === 0) text = `- See [the report](https://example.org/QME/${paragraph}) and \`FMF\` tables.\n- ${aliases[Math.floor(random() * aliases.length)]} was discussed.`;
    else {
      const words = [];
      for (let i = 0; i < 90; i++) {
        words.push(random() < 0.06 ? aliases[Math.floor(random() * aliases.length)] : FILLER[Math.floor(random() * FILLER.length)]);
      }
      text = words.join(' ');
    }
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join('\n\n');
}

function wrap(text, columns) {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= columns || line.startsWith('```')) return line;
      const out = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current.length + word.length + 1 > columns && current) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      if (current) out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

module.exports = { prng, generateDraft, wrap };
