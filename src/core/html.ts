/** HTML escaping shared by every renderer: text goes in as text, never as markup. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** Escapes for an attribute value in double quotes. */
export const escapeAttr = escapeHtml;

/** Escapes text for a MarkdownString (tooltips), so content is shown, not interpreted. */
export function escapeMarkdown(s: string): string {
  return String(s).replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
