/**
 * Matching for "Go to topic": titles, key terms, summaries and ids, case- and accent-insensitive.
 * Returns topics ranked: title matches first, then key terms, then summary and details.
 */
import type { Topic } from './model';

export function normalize(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export interface SearchHit {
  readonly topic: Topic;
  readonly score: number;
  /** What matched, for the quick pick's detail line. */
  readonly matched: 'title' | 'key term' | 'summary' | 'details' | 'note';
  readonly term?: string;
}

/**
 * Every word of the query must occur in one field for that field to match. `explanation` gives a
 * topic's explanation text (at build time the model has it; at run time the pages do).
 */
export function searchTopics(topics: readonly Topic[], query: string, explanation: (t: Topic) => string | undefined = (t) => t.details,
  note: (t: Topic) => string | undefined = () => undefined): SearchHit[] {
  const words = normalize(query).split(' ').filter(Boolean);
  if (words.length === 0) return topics.map((topic) => ({ topic, score: 0, matched: 'title' as const }));
  const all = (text: string) => {
    const n = normalize(text);
    const compact = n.replace(/ /g, '');
    return words.every((w) => n.includes(w) || compact.includes(w));
  };
  const hits: SearchHit[] = [];
  for (const topic of topics) {
    if (all(topic.title) || all(topic.id)) {
      hits.push({ topic, score: normalize(topic.title).startsWith(words[0]) ? 4 : 3, matched: 'title' });
      continue;
    }
    const term = topic.keyTerms.find(all) ?? topic.aliases.find(all);
    if (term) {
      hits.push({ topic, score: 2, matched: 'key term', term });
      continue;
    }
    if (all(topic.summary) || topic.keyPoints.some(all)) {
      hits.push({ topic, score: 1, matched: 'summary' });
      continue;
    }
    const text = explanation(topic);
    if (text && all(text)) {
      hits.push({ topic, score: 0.5, matched: 'details' });
      continue;
    }
    const mine = note(topic);
    if (mine && all(mine)) hits.push({ topic, score: 0.4, matched: 'note' });
  }
  return hits.sort((a, b) => b.score - a.score);
}

/** Text VS Code's own quick-pick filter sees for a topic, so typing any key term matches it. */
export function searchableText(topic: Topic): string {
  return [topic.summary, ...topic.keyTerms].join(' · ');
}
