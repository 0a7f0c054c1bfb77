import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SearchResults } from '../../app/search/SearchResults';

/* The results page narrowed to a topic: "in topic X ×", the topic kept by the form and the pager, and a way out. */
const found = {
  query: 'note',
  truncated: false,
  total: 45,
  counts: { note: 45, inquiry: 0, paper: 0 },
  partial: false,
  results: [],
};

function page(extra: Record<string, unknown>, query = 'q=note&topic=calibration-confidence&page=2'): string {
  return renderToStaticMarkup(createElement(SearchResults, { params: new URLSearchParams(query), page: 2, pageSize: 20, maxPage: 50, found, ...extra }));
}

describe('/search/?topic=', () => {
  it('says which topic it searches, keeps it in the form and the pager, and links to the whole collection', () => {
    const html = page({ topic: { slug: 'calibration-confidence', label: 'calibration, confidence' } });
    // (next/link drops the trailing slash outside a Next.js build, hence the optional one.)
    expect(html).toMatch(/in topic <a href="\/topics\/calibration-confidence\/?">calibration, confidence<\/a>/);
    expect(html).toContain('<input type="hidden" name="topic" value="calibration-confidence"/>');
    // The × drops the topic (and the page), keeps the words.
    expect(html).toMatch(/<a aria-label="Search the whole collection, not only calibration, confidence"[^>]*href="\/search\/?\?q=note">×<\/a>/);
    // Paging keeps the topic.
    expect(html).toMatch(/href="\/search\/?\?q=note&amp;topic=calibration-confidence&amp;page=3"/);
  });

  it('shows no topic line for a search of everything, and says so while topics are still being found', () => {
    expect(page({}, 'q=note')).not.toContain('in topic');
    expect(page({ topicsPending: 40 }, 'q=note&topic=x')).toContain('Topics are still being found (40%): these results are from the whole collection.');
    expect(page({ problem: { parameter: 'topic', error: 'no topic is called "x"' } }, 'q=note&topic=x')).toContain('no topic is called &quot;x&quot;. Searching the whole collection.');
  });
});
