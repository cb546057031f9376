import { strict as assert } from 'assert';
import { bibtex, citation, cslJson, formatReference } from '../../src/core/citations';
import type { Source } from '../../src/core/model';

const crs: Source = {
  id: 'crs-rl33222-2025',
  title: 'U.S. Foreign Aid to Israel: Overview and Developments since October 7, 2023',
  author: 'Jeremy M. Sharp',
  publisher: 'Congressional Research Service',
  date: '2025-05-28',
  url: 'https://www.everycrsreport.com/reports/RL33222.html',
  type: 'crs-report',
};
const statute: Source = { id: 'pl-110-429', title: 'Naval Vessel Transfer Act of 2008', publisher: 'U.S. Government Publishing Office', date: '2008-10-15', url: 'https://www.govinfo.gov/x', type: 'statute' };
const press: Source = { id: 'toi-x', title: 'Air force defends use of Arrow_system & 100% <b>bold</b>', author: 'Judah Ari Gross and Tal Schneider', publisher: 'The Times of Israel', date: '2017-03', url: 'https://www.timesofisrael.com/x', type: 'press' };

describe('citations', () => {
  it('formats a reference for a footnote: author, title, publisher, date, locator, address', () => {
    assert.equal(
      formatReference(crs, 'p. 12'),
      'Jeremy M. Sharp, “U.S. Foreign Aid to Israel: Overview and Developments since October 7, 2023,” Congressional Research Service, 28 May 2025, p. 12, https://www.everycrsreport.com/reports/RL33222.html',
    );
    assert.equal(formatReference(statute), '“Naval Vessel Transfer Act of 2008,” U.S. Government Publishing Office, 15 October 2008, https://www.govinfo.gov/x');
  });

  it('writes a Pandoc citation, with a locator when given', () => {
    assert.deepEqual(citation(crs, { style: 'pandoc' }), { inline: '[@crs-rl33222-2025]' });
    assert.deepEqual(citation(crs, { style: 'pandoc', locator: 'p. 12' }), { inline: '[@crs-rl33222-2025, p. 12]' });
    assert.deepEqual(citation(crs, { style: 'pandoc', locator: 'p. 3]\n[x' }), { inline: '[@crs-rl33222-2025, p. 3  [x]' });
  });

  it('writes a footnote marker and a definition that no Markdown or HTML in a title can break', () => {
    const footnote = citation(press, { style: 'footnote', locator: 'para. 4' });
    assert.equal(footnote.inline, '[^toi-x-para-4]');
    assert.equal(footnote.footnote, '[^toi-x-para-4]: Judah Ari Gross and Tal Schneider, “Air force defends use of Arrow\\_system & 100% \\<b\\>bold\\</b\\>,” The Times of Israel, March 2017, para. 4, https://www.timesofisrael.com/x');
  });

  it('gives CSL-JSON the right type for a report, a statute and an article, with date-parts and names', () => {
    const [report, law, article] = cslJson([crs, statute, press]);
    assert.deepEqual(report, {
      id: 'crs-rl33222-2025',
      type: 'report',
      title: crs.title,
      issued: { 'date-parts': [[2025, 5, 28]] },
      URL: crs.url,
      author: [{ family: 'Sharp', given: 'Jeremy M.' }],
      publisher: 'Congressional Research Service',
      genre: 'CRS Report',
    });
    assert.equal(law.type, 'legislation');
    assert.equal(law.author, undefined);
    assert.equal(article.type, 'article-newspaper');
    assert.equal(article['container-title'], 'The Times of Israel');
    assert.deepEqual(article.issued, { 'date-parts': [[2017, 3]] });
    assert.deepEqual(article.author, [{ family: 'Gross', given: 'Judah Ari' }, { family: 'Schneider', given: 'Tal' }]);
  });

  it('writes BibTeX with LaTeX specials escaped and the address untouched', () => {
    const text = bibtex([crs, press]);
    assert.match(text, /^@techreport\{crs-rl33222-2025,\n {2}title = \{\{U\.S\. Foreign Aid[^}]*\}\},$/m, 'the title keeps its capitals in every style');
    assert.match(text, /author = \{Sharp, Jeremy M\.\}/);
    assert.match(text, /institution = \{Congressional Research Service\}/);
    assert.match(text, /@article\{toi-x,\n {2}title = \{\{Air force defends use of Arrow\\_system \\& 100\\% <b>bold<\/b>\}\}/);
    assert.match(text, /^ {2}month = [a-z]{3},$/m, 'months are BibTeX macros');
    assert.doesNotMatch(text, /month = \{?\d/);
    assert.match(text, /author = \{Gross, Judah Ari and Schneider, Tal\}/);
    assert.match(text, /url = \{https:\/\/www\.timesofisrael\.com\/x\}/);
    assert.equal(bibtex([]), '');
  });
});
