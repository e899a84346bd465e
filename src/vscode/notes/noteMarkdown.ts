/**
 * The learner's notes rendered for the topic page: markdown-it with raw HTML off and https links
 * only. This is the third bundle (dist/notes.js), loaded the first time a page shows a note, so
 * neither activation nor the first page pays for markdown-it.
 */
import MarkdownIt from 'markdown-it';

let md: MarkdownIt | undefined;

export function renderNote(text: string): string {
  if (!md) {
    md = new MarkdownIt({ html: false, linkify: false, typographer: false });
    md.validateLink = (url: string) => /^https:\/\//i.test(url.trim());
    // Links open outside the page (the page script sends them to the host, https only).
    const link = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
    md.renderer.rules.link_open = (tokens, i, options, env, self) => {
      tokens[i].attrSet('class', 'external');
      return link(tokens, i, options, env, self);
    };
  }
  return md.render(text);
}
