import * as assert from 'node:assert/strict';
import type { Topic } from '../../src/core/roadmap/model';
import { RoadmapIndex } from '../../src/core/roadmap/roadmapIndex';
import { normalize, searchableText, searchTopics, type SearchHit } from '../../src/core/roadmap/search';
import { realRoadmap } from './fixtures';

const { roadmap, issues } = realRoadmap();
const topics: readonly Topic[] = roadmap ? new RoadmapIndex(roadmap).topics : [];
const ids = (hits: readonly SearchHit[]): string[] => hits.map((h) => h.topic.id);

function hit(hits: readonly SearchHit[], id: string): SearchHit {
  const h = hits.find((x) => x.topic.id === id);
  assert.ok(h, `${id} not among ${JSON.stringify(ids(hits))}`);
  return h;
}

function assertRanked(hits: readonly SearchHit[]): void {
  for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score, `hit ${i} out of order`);
}

describe('search (real roadmap)', () => {
  it('searches the whole real roadmap', () => {
    assert.deepEqual(issues, []);
    assert.equal(topics.length, 137);
  });

  it('"Bonferroni" ranks the multiple-testing topic first, via a key term', () => {
    const hits = searchTopics(topics, 'Bonferroni');
    assertRanked(hits);
    assert.deepEqual(ids(hits).slice(0, 2), ['hypothesis-testing-advanced', 'ab-statistical-foundation']);
    const h = hit(hits, 'hypothesis-testing-advanced');
    assert.ok(h.matched === 'key term' || h.matched === 'summary');
    assert.equal(h.matched, 'key term');
    assert.equal(h.term, 'Bonferroni');
    assert.equal(h.score, 2);
    assert.equal(hits.findIndex((x) => x.topic.id === 'hypothesis-testing-advanced'), 0);
  });

  it('"multiple testing" finds the same topic first', () => {
    const hits = searchTopics(topics, 'multiple testing');
    assert.equal(hits[0].topic.id, 'hypothesis-testing-advanced');
    assert.equal(hits[0].term, 'multiple testing');
  });

  it('"BCEWithLogitsLoss" finds pytorch by its key term', () => {
    const hits = searchTopics(topics, 'BCEWithLogitsLoss');
    assertRanked(hits);
    assert.equal(hits[0].topic.id, 'pytorch');
    assert.equal(hits[0].matched, 'key term');
    assert.equal(hits[0].term, 'BCEWithLogitsLoss');
    assert.deepEqual(ids(searchTopics(topics, 'bcewithlogitsloss')), ids(hits));
    assert.ok(searchableText(hits[0].topic).includes('BCEWithLogitsLoss'));
  });

  it('"gradient descent" ranks gradient-descent first, by title', () => {
    const hits = searchTopics(topics, 'gradient descent');
    assertRanked(hits);
    assert.equal(hits[0].topic.id, 'gradient-descent');
    assert.equal(hits[0].matched, 'title');
    assert.equal(hits[0].score, 4);
    assert.ok(hits.slice(1).every((h) => h.score < 4), 'no other title match');
    assert.equal(new Set(ids(hits)).size, hits.length, 'each topic once');
    // Every word must match: other topics only mention both words in their summary or details.
    for (const h of hits.slice(1)) assert.ok(['summary', 'details', 'key term'].includes(h.matched), h.topic.id);
  });

  it('is case- and accent-insensitive', () => {
    const base = ids(searchTopics(topics, 'Bonferroni'));
    for (const q of ['bonferroni', 'BONFERRONI', 'Bönférrôni', 'BONFÉRRONI', '  bonferroni  ']) {
      assert.deepEqual(ids(searchTopics(topics, q)), base, q);
    }
    assert.deepEqual(ids(searchTopics(topics, 'GRADIENT DESCENT')), ids(searchTopics(topics, 'gradient descent')));
    assert.deepEqual(ids(searchTopics(topics, 'Gradiënt  Déscent')), ids(searchTopics(topics, 'gradient descent')));
    // Punctuation is a separator: an en dash, a hyphen and a space are the same.
    const bh = ids(searchTopics(topics, 'Benjamini Hochberg'));
    assert.equal(bh[0], 'hypothesis-testing-advanced');
    assert.deepEqual(ids(searchTopics(topics, 'benjamini–hochberg')), bh);
    assert.deepEqual(ids(searchTopics(topics, 'BENJAMINI-HOCHBERG')), bh);
  });

  it('matches accented titles from unaccented queries', () => {
    const t: Topic = { ...topics[0], id: 'cafe-rules', title: 'Règles du Café', keyTerms: [], aliases: [], summary: 's', details: '', keyPoints: [] };
    const hits = searchTopics([...topics, t], 'regles cafe');
    assert.deepEqual(ids(hits), ['cafe-rules']);
    assert.equal(hits[0].matched, 'title');
    assert.equal(normalize('Règles du Café — Ünïcödé!'), 'regles du cafe unicode');
  });

  it('an empty query returns all topics in reading order', () => {
    for (const q of ['', '   ', '—', '!?']) {
      const hits = searchTopics(topics, q);
      assert.deepEqual(ids(hits), topics.map((t) => t.id), JSON.stringify(q));
      assert.ok(hits.every((h) => h.score === 0 && h.matched === 'title'));
    }
  });

  it('nonsense returns nothing, and every word must match', () => {
    assert.deepEqual(searchTopics(topics, 'xyzzyqq'), []);
    assert.deepEqual(searchTopics(topics, 'qwrtplkj zzzz'), []);
    assert.deepEqual(searchTopics(topics, 'gradient xyzzyqq'), []);
  });

  it('matches a topic by its id', () => {
    const hits = searchTopics(topics, 'hypothesis-testing-advanced');
    assert.equal(hits[0].topic.id, 'hypothesis-testing-advanced');
    assert.equal(hits[0].matched, 'title');
  });
});
