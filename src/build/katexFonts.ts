/**
 * KaTeX's stylesheet and fonts for the pages, pruned to what the typeset math uses: the .vsix
 * ships only the woff2 files that some class of the content can ask for.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** Every class name used inside the typeset math (to ship only the KaTeX fonts it needs). */
export function katexClasses(html: string): Set<string> {
  const used = new Set<string>();
  for (const m of html.matchAll(/class=\\?"([^"\\]*)\\?"/g)) for (const c of m[1].split(/\s+/)) if (c) used.add(c);
  return used;
}

/**
 * The woff2 files that KaTeX's stylesheet can ask for, given the classes the math uses: a rule
 * `.katex .a.b{font-family:KaTeX_X;font-weight:700}` needs KaTeX_X-Bold when a and b are used.
 * KaTeX_Main-Regular and KaTeX_Math-Italic are the defaults and always ship.
 */
export function neededFonts(css: string, usedClasses: ReadonlySet<string>): Set<string> {
  const need = new Set(['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2']);
  for (const rule of css.matchAll(/([^{}]+)\{([^{}]*font-family:(KaTeX_[A-Za-z0-9]+)[^{}]*)\}/g)) {
    const [, selectors, body, family] = rule;
    const bold = /font-weight:(700|bold)/.test(body);
    const italic = /font-style:italic/.test(body);
    const file = `${family}-${bold && italic ? 'BoldItalic' : bold ? 'Bold' : italic ? 'Italic' : 'Regular'}.woff2`;
    for (const sel of selectors.split(',')) {
      const classes = [...sel.matchAll(/\.([a-zA-Z0-9_-]+)/g)].map((m) => m[1]).filter((c) => c !== 'katex');
      if (classes.length > 0 && classes.every((c) => usedClasses.has(c))) need.add(file);
    }
  }
  return need;
}

/** Writes KaTeX's CSS (woff2 only, unused @font-face rules dropped) and the needed fonts to `dst`. */
export function copyKatexAssets(root: string, dst: string, usedClasses: ReadonlySet<string>): Set<string> {
  const src = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('katex/package.json')), 'dist');
  fs.mkdirSync(path.join(dst, 'fonts'), { recursive: true });
  // Only woff2: every browser VS Code runs in supports it, and it keeps the .vsix small.
  let css = fs.readFileSync(path.join(src, 'katex.min.css'), 'utf8')
    .replace(/src:url\(([^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("[^"]+"\))*/g, 'src:url($1) format("woff2")');
  const need = neededFonts(css, usedClasses);
  css = css.replace(/@font-face\{[^}]*url\(fonts\/([^)]+\.woff2)\)[^}]*\}/g, (rule, file: string) => (need.has(file) ? rule : ''));
  fs.writeFileSync(path.join(dst, 'katex.min.css'), css);
  for (const f of need) fs.copyFileSync(path.join(src, 'fonts', f), path.join(dst, 'fonts', f));
  return need;
}
