// End-to-end: Debian's Chromium drives the real VS Code workbench (code-server on 127.0.0.1) with
// the packaged .vsix installed the way a user installs it. Screenshots go to test-results/.
'use strict';
// Functions passed to evaluate() run in the page: its globals.
/* global window, document, getComputedStyle */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startCodeServer, newRunDir, installVsix, launchBrowser, focusWorkbench: focusWorkbenchOf, palette: paletteOf, leaveHover, ROOT } = require('../support/codeServer');
const { vsixPath, packageVsix } = require('../support/package');

const SHOTS = path.join(ROOT, 'test-results');
/** A screenshot goes to test-results/; with DS_ROADMAP_SCREENSHOTS=1 also to test/screenshots/ (the README's). */
async function shot(page, name, readme = false) {
  await page.screenshot({ path: path.join(SHOTS, name) });
  if (readme && process.env.DS_ROADMAP_SCREENSHOTS === '1') fs.copyFileSync(path.join(SHOTS, name), path.join(ROOT, 'test', 'screenshots', name));
}
const pkg = require(path.join(ROOT, 'package.json'));

describe('end-to-end in Chromium against the real workbench', function () {
  this.timeout(300_000);
  let server;
  let browser;
  let page;
  let runDir;
  let workspace;
  let clockFile;
  const requests = [];
  const total = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'roadmap.json'), 'utf8')).roadmap.stages
    .reduce((n, s) => n + s.sections.reduce((m, sec) => m + sec.topics.length, 0), 0);

  // Our page's webview (a notebook's output renderer is a webview too): VS Code names the
  // extension that owns a webview in its frame's URL.
  const webview = () => page.frameLocator(`iframe.webview.ready[src*="extensionId=${pkg.publisher}.${pkg.name}"]`).last().frameLocator('#active-frame');

  const focusWorkbench = (p = page) => focusWorkbenchOf(p);
  const palette = (command, p = page) => paletteOf(p, command);

  /** Polls `cond` every 200 ms; fails with `what` after `ms`. */
  async function until(cond, what, ms = 20_000) {
    const t0 = Date.now();
    for (;;) {
      try {
        if (await cond()) return;
      } catch { /* not there yet */ }
      if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function statusText() {
    const item = page.locator('.statusbar-item', { hasText: `/${total} (` }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    return (await item.innerText()).trim();
  }

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const vsix = fs.existsSync(vsixPath()) ? vsixPath() : packageVsix();
    runDir = newRunDir('e2e');
    installVsix(runDir, vsix);
    const installed = fs.readdirSync(path.join(runDir, 'extensions'));
    assert.ok(installed.some((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`)), `installed: ${installed.join(', ')}`);
    workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, 'README.md'), '# My data science study\n');
    // Lets the suite move the extension's clock (days pass for spaced review; see src/vscode/clock.ts).
    clockFile = path.join(runDir, 'clock-offset-ms');
    fs.writeFileSync(clockFile, '0');
    server = await startCodeServer({ runDir, workspace, env: { DS_ROADMAP_CLOCK_OFFSET_FILE: clockFile } });
    browser = await launchBrowser(runDir);
    browser.on('request', (r) => requests.push(r.url()));
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  // Each test starts with no hover left by the one before (see leaveHover).
  beforeEach(async () => { if (page) await leaveHover(page); });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    // KEEP=1 keeps the run folder (code-server and extension logs) for a look after a failure.
    if (runDir && !process.env.KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  });

  it('shows 0/N in the status bar at startup', async () => {
    assert.equal(await statusText(), `0/${total} (0%)`.padStart(0));
  });

  it('opens the container and shows the roadmap tree', async () => {
    await page.locator('.activitybar a.action-label[aria-label^="Data Science Roadmap"]').click();
    const stage = page.getByRole('treeitem', { name: /Mathematics and Statistics Foundations/ }).first();
    await stage.waitFor({ timeout: 30_000 });
    for (const n of ['Python for Data Science', 'Machine Learning Algorithms', 'Cloud and Big Data Tools']) {
      await page.getByRole('treeitem', { name: new RegExp(n) }).first().waitFor();
    }
    await shot(page, 'e2e-tree.png');
  });

  it('installs every file the extension reads at run time', () => {
    const dir = fs.readdirSync(path.join(runDir, 'extensions')).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`));
    assert.ok(dir, 'the extension is installed');
    const ext = path.join(runDir, 'extensions', dir);
    const roadmap = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'roadmap.json'), 'utf8')).roadmap;
    const needed = ['dist/extension.js', 'dist/shown.js', 'dist/features.js', 'dist/notes.js', 'dist/webview/page.js', 'dist/webview/katex/katex.min.css', 'media/webview.css', 'media/python/_roadmap_check.py',
      'dist/data/roadmap.json.br', 'dist/data/exercises.json.br', ...roadmap.stages.map((s) => `dist/data/pages-${s.id}.json.br`)];
    const css = fs.readFileSync(path.join(ext, 'dist', 'webview', 'katex', 'katex.min.css'), 'utf8');
    for (const m of css.matchAll(/url\(fonts\/([^)]+)\)/g)) needed.push(`dist/webview/katex/fonts/${m[1]}`);
    assert.ok(needed.length > 15);
    assert.deepEqual(needed.filter((f) => !fs.existsSync(path.join(ext, f))), []);
  });

  it('opens the overview from the tree\'s title bar: the role, the estimates, seven stages and the FAQ', async () => {
    await page.locator('.part.sidebar a.action-label[aria-label*="Open Overview"]').first().click();
    const frame = webview();
    await frame.locator('h1', { hasText: /^Roadmap:/ }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('li.overview-stage').count(), 7);
    const text = await frame.locator('body').innerText();
    for (const fact of ['92%', '36%', '2023', '20-25 hours', '12-18']) assert.ok(text.includes(fact) || text.includes(fact.replace('-', '–')), `the overview says ${fact}`);
    assert.ok(await frame.locator('.faq-entry').count() >= 4, 'the four FAQ questions');
    await shot(page, 'overview-dark.png', true);
  });

  it('clicks a stage, a section and a topic: each opens its page in place, and the topic page shows rendered formulas', async () => {
    await page.getByRole('treeitem', { name: /Mathematics and Statistics Foundations/ }).first().click();
    // The stage's page: its intro, its sections with progress, its resources and an estimate of hours.
    await webview().locator('h1', { hasText: /^Stage 00 · Mathematics and Statistics Foundations/ }).waitFor({ timeout: 30_000 });
    assert.ok(await webview().locator('section.part-section').count() >= 3, 'the stage lists its sections');
    await webview().locator('p.estimate', { hasText: /hours/ }).waitFor();
    assert.ok(await webview().locator('ul.resources li').count() >= 1, 'the stage lists its resources');
    await page.getByRole('treeitem', { name: /Linear Algebra/ }).first().click();
    await webview().locator('h1', { hasText: /^Linear Algebra/ }).waitFor({ timeout: 30_000 });
    await webview().locator('nav.breadcrumb', { hasText: 'Stage 00' }).waitFor();
    assert.ok(await webview().locator('a.topic-link[data-topic="dot-product"]').count() === 1, 'the section lists its topics');
    assert.equal(await page.locator('iframe.webview').count(), 1, 'the overview, the stage and the section shared one page');
    await page.getByRole('treeitem', { name: /^Dot product/ }).first().click();
    const frame = webview();
    await frame.locator('h1', { hasText: 'Dot product' }).waitFor({ timeout: 30_000 });
    await frame.locator('.katex').first().waitFor();
    const mathCount = await frame.locator('.katex').count();
    assert.ok(mathCount >= 3, `expected rendered math, found ${mathCount}`);
    assert.equal(await frame.locator('.math-error').count(), 0, 'no formula failed to render');
    // Visible text outside KaTeX's hidden MathML annotation: no raw TeX left behind.
    const visible = await frame.locator('body').evaluate((body) => {
      const clone = body.cloneNode(true);
      clone.querySelectorAll('.katex-mathml, pre, code, script').forEach((n) => n.remove());
      return clone.textContent;
    });
    assert.ok(!/\\frac|\\sum|\\lVert|\\theta|\$\$/.test(visible), 'raw TeX is visible');
    assert.ok(!/\$[^$\s][^$]*\$/.test(visible), 'raw $...$ is visible');
    await shot(page, 'topic-dark.png', true);
  });

  it('marks the topic complete from its page and the status bar goes from 0/N to 1/N', async () => {
    assert.equal(await statusText(), `0/${total} (0%)`);
    await webview().locator('#toggle-complete').click();
    await page.locator('.statusbar-item', { hasText: `1/${total} (` }).first().waitFor({ timeout: 15_000 });
    await webview().locator('.status', { hasText: 'Done' }).waitFor();
    const item = page.getByRole('treeitem', { name: /^Dot product/ }).first();
    await item.locator('.custom-view-tree-node-item-checkbox.checked, .codicon-check').first().waitFor({ timeout: 10_000 }).catch(() => {});
    assert.match(await statusText(), new RegExp(`^1/${total} \\(\\d+%\\)$`));
  });

  it('keeps progress and restores the topic page after a window reload', async () => {
    // The way a learner reloads: VS Code's own command, which saves the window state first.
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await palette('Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    assert.match(await statusText(), new RegExp(`^1/${total} \\(\\d+%\\)$`));
    await page.locator('.tab', { hasText: 'Dot product' }).first().waitFor({ timeout: 30_000 });
    await webview().locator('h1', { hasText: 'Dot product' }).waitFor({ timeout: 30_000 });
    await webview().locator('.status', { hasText: 'Done' }).waitFor();
  });

  it('goes to the next topic from the page', async () => {
    await webview().locator('button.nav.next').click();
    await webview().locator('h1', { hasText: 'Eigenvalues and eigenvectors' }).waitFor({ timeout: 15_000 });
  });

  it('ticks a topic checkbox in the tree and the status bar follows', async () => {
    const sidebar = page.locator('.activitybar a.action-label[aria-label^="Data Science Roadmap"]');
    if (!(await page.getByRole('treeitem', { name: /Mathematics and Statistics Foundations/ }).first().isVisible())) { await sidebar.click(); await leaveHover(page); }
    const row = page.getByRole('treeitem', { name: /^Vectors, not done/ }).filter({ visible: true }).first();
    // The section may be collapsed, or expanding after a reveal: clicking its row toggles it.
    for (let i = 0; i < 4 && !(await row.isVisible()); i++) {
      await page.getByRole('treeitem', { name: /^Section Linear Algebra/ }).filter({ visible: true }).first().click();
      await row.waitFor({ timeout: 2_000 }).catch(() => {});
    }
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.custom-view-tree-node-item-checkbox').click();
    await page.locator('.statusbar-item', { hasText: `2/${total} (` }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('treeitem', { name: /^Vectors, done/ }).filter({ visible: true }).first().waitFor({ timeout: 15_000 });
  });

  it('runs "Roadmap: Show Progress" from the palette; the dashboard map opens topics', async () => {
    await palette('Roadmap: Show Progress');
    const frame = webview();
    await frame.locator('svg.map').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('svg.map g.node.done').count(), 2);
    assert.equal(await frame.locator('svg.map g.node').count(), total);
    assert.equal(await frame.locator('svg.map g.node[role="link"][tabindex="0"]').count(), total);
    assert.equal(await frame.locator('svg.map g.node.next').count(), 1);
    await shot(page, 'dashboard-dark.png', true);
    await frame.locator('svg.map g.node[data-topic="pca"]').click();
    await webview().locator('h1', { hasText: /PCA|Principal Component/ }).waitFor({ timeout: 30_000 });
    // The map, then the topic, were shown in the page already open: one webview tab.
    assert.equal(await page.locator('iframe.webview').count(), 1);
    await webview().locator('button[data-action="showProgress"]').click();
    await webview().locator('svg.map').waitFor({ timeout: 30_000 });
    await webview().locator('svg.map g.node[data-topic="pca"]').focus();
    await page.keyboard.press('Enter');
    await webview().locator('h1', { hasText: /PCA|Principal Component/ }).waitFor({ timeout: 30_000 });
  });

  it('reads the map in a narrow editor: labels at the page text size, each inside its node; Space opens a topic', async () => {
    await page.setViewportSize({ width: 800, height: 900 });
    try {
      await palette('Roadmap: Show Progress');
      const frame = webview();
      await frame.locator('svg.map').waitFor({ timeout: 30_000 });
      const editor = await page.locator('.part.editor').boundingBox();
      assert.ok(editor && editor.width <= 620, `the editor is narrow (${editor?.width} px)`);
      const node = frame.locator('svg.map g.node[data-topic="linear-regression"]');
      const title = 'Linear regression and regularization';
      await node.scrollIntoViewIfNeeded();
      const m = await node.evaluate((g) => {
        const text = /** @type {SVGTextElement} */ (g.querySelector('text.label'));
        const body = /** @type {SVGRectElement} */ (g.querySelector('rect.body'));
        const page = parseFloat(getComputedStyle(document.body).fontSize);
        // What reaches the screen: the computed size times the SVG's scale (its viewBox to its box).
        const drawn = parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0);
        const r = text.getBoundingClientRect();
        const scroller = /** @type {HTMLElement} */ (document.getElementById('map-scroll')).getBoundingClientRect();
        const visible = r.width > 0 && r.left >= scroller.left && r.right <= scroller.right && r.top >= scroller.top && r.bottom <= scroller.bottom
          && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
        // With the fonts this browser really uses, no label leaves its node.
        const outside = [];
        for (const n of Array.from(document.querySelectorAll('svg.map g.node'))) {
          const b = /** @type {SVGRectElement} */ (n.querySelector('rect.body')).getBBox();
          const t = /** @type {SVGTextElement} */ (n.querySelector('text.label')).getBBox();
          if (t.x < b.x || t.y < b.y || t.x + t.width > b.x + b.width || t.y + t.height > b.y + b.height) outside.push(n.getAttribute('data-topic'));
        }
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { page, drawn, visible, outside, hit: hit?.closest('g.node')?.getAttribute('data-topic'), label: g.getAttribute('aria-label'), bodyW: body.getBBox().width };
      });
      assert.ok(m.drawn >= m.page - 0.01, `label drawn at ${m.drawn} px, page text ${m.page} px`);
      assert.ok(m.visible, 'the label is in view');
      assert.equal(m.hit, 'linear-regression', 'nothing covers the label');
      assert.deepEqual(m.outside, [], 'labels that leave their node');
      assert.equal(m.label, `${title} — not started`);
      // The map scrolls inside its box instead of shrinking.
      const scroll = await frame.locator('#map-scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      assert.ok(scroll.sw > scroll.cw, `the map scrolls (${scroll.sw} > ${scroll.cw})`);
      await shot(page, 'map-dark.png', true);
      await node.focus();
      await page.keyboard.press('Space');
      await webview().locator('h1', { hasText: title }).waitFor({ timeout: 30_000 });
    } finally {
      await page.setViewportSize({ width: 1400, height: 900 });
    }
  });

  /** axe-core in our page's own frame: the serious and critical violations, contrast included. */
  async function axeViolations(what) {
    const handle = await page.frameLocator(`iframe.webview.ready[src*="extensionId=${pkg.publisher}.${pkg.name}"]`).last().locator('#active-frame').elementHandle();
    const frame = await handle.contentFrame();
    if (!(await frame.evaluate(() => typeof (/** @type {any} */ (window)).axe === 'object'))) await frame.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    // The audit covers the whole page: sections the page lets the browser skip until scrolled near
    // (content-visibility: auto) are rendered for it, then left to the stylesheet again.
    const res = await frame.evaluate(async () => {
      const w = /** @type {any} */ (window);
      const skippable = Array.from(w.document.querySelectorAll('main > section'));
      for (const el of skippable) el.style.contentVisibility = 'visible';
      try {
        return await w.axe.run(w.document, { resultTypes: ['violations'] });
      } finally {
        for (const el of skippable) el.style.contentVisibility = '';
      }
    });
    return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${what}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`).join(' | ')}`);
  }

  const KIND = { 'vs-dark': 'vscode-dark', 'hc-black': 'vscode-high-contrast', 'hc-light': 'vscode-high-contrast-light' };

  async function setTheme(theme, label, cls) {
    const file = path.join(runDir, 'user-data', 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    Object.assign(settings, { 'window.autoDetectColorScheme': false, 'window.autoDetectHighContrast': false, 'workbench.colorTheme': theme });
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    // The settings file may be read a little later; if it is not, the way a learner picks one:
    // "Preferences: Color Theme".
    const themed = page.locator(`.monaco-workbench.${cls}`);
    if (!(await themed.waitFor({ timeout: 5_000 }).then(() => true, () => false))) {
      await focusWorkbench();
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('>Preferences: Color Theme');
      // Not "Browse Color Themes in Marketplace", which searches online.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Preferences: Color Theme/ }).first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
      await input.fill(label);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
      const rows = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      const at = rows.findIndex((r) => r.trim().startsWith(label));
      assert.ok(at >= 0, `the theme ${label} is listed: ${JSON.stringify(rows)}`);
      for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    await themed.waitFor({ timeout: 30_000 });
  }

  /** Our page once it wears the theme (VS Code sets the kind on the webview's body). */
  const themedPage = (cls) => webview().locator(`body[data-vscode-theme-kind="${KIND[cls]}"]`);

  it('passes axe-core (no serious or critical violations, contrast included) on a topic page, the overview, a stage page and the dashboard, dark and high contrast; code shows in high contrast', async () => {
    const file = path.join(runDir, 'user-data', 'User', 'settings.json');
    const original = fs.readFileSync(file, 'utf8');
    const found = [];
    try {
      // The setting's value is the theme's id; the picker shows its label.
      for (const [theme, label, cls, hcShot] of [['Default Dark Modern', 'Dark Modern', 'vs-dark', undefined], ['Default High Contrast', 'Dark High Contrast', 'hc-black', 'map-hc.png'], ['Default High Contrast Light', 'Light High Contrast', 'hc-light', undefined]]) {
        await setTheme(theme, label, cls);
        await palette('Roadmap: Show Progress');
        await themedPage(cls).locator('svg.map g.node').first().waitFor({ timeout: 30_000 });
        found.push(...await axeViolations(`dashboard, ${theme}`));
        if (hcShot) await shot(page, hcShot, true);
        await webview().locator('svg.map g.node[data-topic="dot-product"]').click();
        await webview().locator('h1', { hasText: 'Dot product' }).waitFor({ timeout: 30_000 });
        await webview().locator('.katex').first().waitFor();
        found.push(...await axeViolations(`topic page, ${theme}`));
        if (cls !== 'vs-dark') {
          // Code keeps its own colours in high contrast: text unlike its background, and on screen.
          const pre = webview().locator('pre').first();
          await pre.scrollIntoViewIfNeeded();
          const [fg, bg] = await pre.evaluate((el) => {
            const code = el.querySelector('code') ?? el;
            let b = el;
            while (b && getComputedStyle(b).backgroundColor.match(/rgba\(0, 0, 0, 0\)|transparent/)) b = b.parentElement;
            return [getComputedStyle(code).color, b ? getComputedStyle(b).backgroundColor : 'none'];
          });
          assert.notEqual(fg, bg, `code in ${theme}: ${fg} on ${bg}`);
          await pre.screenshot({ path: path.join(SHOTS, `code-${cls}.png`) });
          if (process.env.DS_ROADMAP_SCREENSHOTS === '1') fs.copyFileSync(path.join(SHOTS, `code-${cls}.png`), path.join(ROOT, 'test', 'screenshots', `code-${cls}.png`));
        }
        await palette('Roadmap: Open Overview');
        await webview().locator('h1', { hasText: /^Roadmap:/ }).waitFor({ timeout: 30_000 });
        found.push(...await axeViolations(`overview, ${theme}`));
        await webview().locator('a.page-link[data-page="stage"]').first().click();
        await webview().locator('h1', { hasText: /^Stage 00/ }).waitFor({ timeout: 30_000 });
        found.push(...await axeViolations(`stage page, ${theme}`));
      }
    } finally {
      // Back to the suite's settings (the theme follows the colour scheme again), read on a reload.
      fs.writeFileSync(file, original);
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await palette('Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 60_000 });
    }
    assert.deepEqual(found, []);
  });

  it('finds topics by key term in "Roadmap: Open Topic..."', async () => {
    await palette('Roadmap: Open Topic...');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await input.fill('BCEWithLogitsLoss');
    const row = page.locator('.quick-input-list .monaco-list-row').first();
    await row.filter({ hasText: 'PyTorch' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await webview().locator('h1', { hasText: 'PyTorch' }).waitFor({ timeout: 30_000 });
  });

  it('scaffolds a notebook from the topic page and sees it open', async () => {
    await webview().locator('button[data-action="scaffoldNotebook"]').click();
    await page.locator('.tab', { hasText: 'pytorch.ipynb' }).first().waitFor({ timeout: 30_000 });
    const nbFile = path.join(workspace, 'exercises', '03-deep-learning-nlp', 'pytorch.ipynb');
    assert.ok(fs.existsSync(nbFile));
    // The installed .vsix carries the authored exercise (a coded one), not the reflection fallback.
    const nb = JSON.parse(fs.readFileSync(nbFile, 'utf8'));
    const source = nb.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
    assert.match(source, /BCEWithLogitsLoss/);
    assert.ok(nb.cells.filter((c) => (c.metadata?.tags ?? []).includes('check')).length >= 2, 'the coded exercise has check cells');
    await shot(page, 'e2e-notebook.png');
  });

  it('renders the topic page in a light theme too', async () => {
    // The workbench follows the OS colour scheme (window.autoDetectColorScheme in the test settings).
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.monaco-workbench.vs').waitFor({ timeout: 30_000 });
    await palette('Roadmap: Open Topic...');
    await page.locator('.quick-input-widget input').fill('Bayes theorem');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    // The page used last was hidden behind the notebook: it comes to the front with the topic.
    await page.locator('.tab.active', { hasText: 'Probability basics' }).waitFor({ timeout: 30_000 });
    await webview().locator('h1', { hasText: 'Probability basics' }).waitFor({ timeout: 30_000 });
    await webview().locator('.katex').first().waitFor({ timeout: 30_000 });
    await shot(page, 'topic-light.png', true);
  });

  it('answers a quiz question on the topic page and sees the feedback the host sends', async () => {
    const form = webview().locator('form.question:not([data-kind="numeric"])').first();
    await form.scrollIntoViewIfNeeded();
    assert.equal(await webview().locator('.option-feedback, .verdict').count(), 0, 'no feedback is in the page before an answer');
    await form.locator('input').first().check();
    await form.locator('button[data-action="answer"]').click();
    await form.locator('.feedback .verdict').waitFor({ timeout: 15_000 });
    assert.ok((await form.locator('.option-feedback li').count()) >= 3, 'every option is explained');
    await shot(page, 'quiz-feedback.png', true);
  });

  it('shows a due review in the status bar tooltip and the tree after the clock is advanced', async () => {
    // The extension's clock reads the offset file again as soon as it changes.
    fs.writeFileSync(clockFile, String(5 * 86_400_000));
    // Any change updates the status bar; the topic page's own button makes one.
    await webview().locator('#toggle-complete').click();
    const sidebar = page.locator('.activitybar a.action-label[aria-label="Data Science Roadmap"]');
    if (!(await page.locator('.part.sidebar .monaco-list').first().isVisible())) { await sidebar.click(); await leaveHover(page); }
    // The Review entry is the tree's first row: scroll the tree to the top (a revealed topic may have scrolled it away).
    await page.locator('.part.sidebar .monaco-list').first().focus();
    await page.keyboard.press('Home');
    await page.getByRole('treeitem', { name: /^Review, [1-9]\d* due/ }).first().waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: `/${total} (` }).first().hover();
    await page.locator('.monaco-hover', { hasText: /review(s)? due/ }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
  });

  it('runs a review session with the keyboard: answer, rate with 1-4, and a summary of what is due when', async () => {
    await palette('Roadmap: Review Due Questions');
    const card = webview().locator('main.review form.question').first();
    await card.waitFor({ timeout: 30_000 });
    await shot(page, 'review.png', true);
    // The card has the focus: Space picks the first option (or the number field takes a value), Enter checks.
    if ((await card.getAttribute('data-kind')) === 'numeric') await page.keyboard.type('1');
    else await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await card.locator('.feedback .verdict').waitFor({ timeout: 15_000 });
    const right = (await card.getAttribute('data-graded')) === 'right';
    await page.keyboard.press(right ? '3' : 'n');
    await webview().locator('.review-done, main.review form.question').first().waitFor({ timeout: 15_000 });
    // Through the rest of the session by keyboard: N (or a rating) moves on, one card at a time.
    for (let i = 0; i < 30 && !(await webview().locator('.review-done').count()); i++) {
      const next = webview().locator('main.review form.question:not([data-graded])').first();
      if (await next.count()) {
        await next.locator('input').first().focus();
        await page.keyboard.press('n');
      }
      await webview().locator('.review-done, main.review form.question:not([data-graded])').first().waitFor({ timeout: 15_000 });
    }
    await webview().locator('.review-done', { hasText: 'What is due when' }).waitFor({ timeout: 15_000 });
  });

  it('opens the notes of a topic, and what is typed and saved shows on its page', async () => {
    await palette('Roadmap: Open Topic...');
    await page.locator('.quick-input-widget input').fill('Bayes theorem');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await webview().locator('h1', { hasText: 'Probability basics' }).waitFor({ timeout: 30_000 });
    await webview().locator('button[data-action="openNotes"]').click();
    await page.locator('.tab.active', { hasText: 'probability-basics.md' }).waitFor({ timeout: 30_000 });
    const file = path.join(workspace, 'notes', '00-math-statistics', 'probability-basics.md');
    assert.match(fs.readFileSync(file, 'utf8'), /^# Probability basics/);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Bayes: the posterior is proportional to likelihood times prior.');
    await page.keyboard.press('Control+S');
    await page.locator('.tab', { hasText: 'Probability basics' }).first().click();
    await webview().locator('.notes .note', { hasText: 'posterior is proportional' }).waitFor({ timeout: 30_000 });
    await shot(page, 'notes.png', true);
  });

  it('checks the exercise from the notebook toolbar, and the Problems panel lists each failing check', async () => {
    // The topic page in front is Probability basics (the notes test): its exercise, as a notebook.
    await webview().locator('button[data-action="scaffoldNotebook"]').click();
    await page.locator('.tab.active', { hasText: 'probability-basics.ipynb' }).waitFor({ timeout: 30_000 });
    // The toolbar of the notebook in front (an earlier notebook's editor is hidden, not gone).
    const check = page.locator('.notebook-toolbar-container .action-item:visible', { hasText: 'Check Exercise' }).first();
    await check.waitFor({ state: 'visible', timeout: 30_000 });
    await shot(page, 'e2e-notebook-toolbar.png');
    await check.click();
    await page.locator('.notifications-toasts', { hasText: 'Some checks did not pass yet' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'not implemented yet' });
    await until(async () => (await rows.count()) === 5, 'the five failing checks in the Problems panel', 30_000);
    const text = (await page.locator('.markers-panel').innerText());
    assert.match(text, /Data Science Roadmap/);
    for (const task of ['exact-sum', 'simulate-sums', 'independence', 'bayes', 'expected-value']) assert.ok(text.includes(task), `${task} is listed`);
    await shot(page, 'e2e-problems.png');
  });

  it('opens the walkthrough from "Welcome: Open Walkthrough..."; a step completes by doing it, not by selecting it; the environment page it leads to works', async () => {
    const container = page.locator('.gettingStartedContainer');
    const title = 'Get started with the Data Science Roadmap';
    const openWalkthrough = async () => {
      await palette('Welcome: Open Walkthrough...');
      // The walkthrough picker replaces the palette: its input starts empty (the palette's holds ">...").
      const input = page.locator('.quick-input-widget input');
      await until(async () => (await input.isVisible()) && (await input.inputValue()) === '', 'the walkthrough picker');
      await input.fill(title);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await container.locator('h2', { hasText: title }).first().waitFor({ timeout: 30_000 });
    };
    await openWalkthrough();
    const step = (name) => container.locator('.getting-started-step', { hasText: name }).first();
    const done = async (name) => (await step(name).getAttribute('aria-checked')) === 'true';
    // The one step nothing earlier in this suite did: setting up Python. Selecting it does not complete it.
    assert.equal(await done('Set up Python'), false);
    await step('Set up Python').locator('.step-title').first().click();
    await until(async () => (await step('Set up Python').getAttribute('aria-expanded')) === 'true', 'the step to be selected');
    assert.equal(await done('Set up Python'), false, 'selecting a step does not complete it');
    await shot(page, 'e2e-walkthrough.png');
    // Doing it does: the step's own button runs the command, which opens the environment page.
    await step('Set up Python').getByRole('button', { name: 'Set Up Python...', exact: true }).first().click();
    const env = webview().locator('main.environment');
    await env.locator('h1', { hasText: 'Python for the exercises' }).waitFor({ timeout: 60_000 });
    await env.locator('.env-interpreter td', { hasText: /Python 3\.\d+/ }).first().waitFor({ timeout: 60_000 });
    assert.ok(await env.locator('.env-packages tr[data-package="numpy"]').count() === 1, 'numpy is among the packages listed');
    assert.equal(await env.locator('.env-stages tr[data-stage]').count(), 7, 'every stage says how many exercises can run');
    await shot(page, 'environment.png', true);
    // Its first fix lists the interpreters found, to pick from; Escape changes nothing.
    await env.locator('button[data-env="pickInterpreter"]').click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /python/i }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await openWalkthrough();
    await until(() => done('Set up Python'), 'the step "Set up Python" to be complete', 15_000);
    await palette('View: Close All Editors');
  });

  it('two windows on one workspace mark different topics: each shows the other\'s change, and both survive a reload', async () => {
    const doneIn = async (p) => {
      const item = p.locator('.statusbar-item', { hasText: `/${total} (` }).first();
      await item.waitFor({ state: 'visible', timeout: 30_000 });
      return Number(/(\d+)\//.exec(await item.innerText())?.[1]);
    };
    const markIn = async (p, title) => {
      // The window in front, and the keyboard on its workbench (not on a webview).
      await p.bringToFront();
      const sideTitle = p.locator('.part.sidebar .title-label').first();
      if (!(await sideTitle.isVisible())) { await p.locator('.activitybar a.action-label[aria-label="Data Science Roadmap"]').click(); await leaveHover(p); }
      await sideTitle.click();
      // No topic page or exercise in front: Mark Topic Complete would act on it instead of asking.
      await palette('View: Close All Editors', p);
      await p.locator('.part.sidebar .title-label').first().click();
      await palette('Roadmap: Mark Topic Complete', p);
      const input = p.locator('.quick-input-widget input');
      // The topic picker replaces the palette (its list is virtual: only rows in view exist).
      await p.locator('.quick-input-widget input[placeholder*="topic"]').waitFor({ timeout: 15_000 });
      await input.fill(title);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
      await p.keyboard.press('Enter');
    };
    const second = await browser.newPage();
    await second.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const start = await doneIn(page);
    await until(async () => (await doneIn(second)) === start, 'the second window to show the same progress');
    await markIn(page, 'Chain rule');
    await markIn(second, 'Partial derivatives');
    // Each window shows the other's change (within a second or two), both marks kept.
    for (const p of [page, second]) await until(async () => (await doneIn(p)) === start + 2, `both marks in both windows (start ${start}; now ${await doneIn(page)} and ${await doneIn(second)})`);
    await second.reload();
    await second.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    for (const p of [page, second]) await until(async () => (await doneIn(p)) === start + 2, 'both marks after a reload');
    await second.close();
  });

  it('sent no request beyond 127.0.0.1', () => {
    const outside = requests.filter((u) => {
      if (/^(data|blob|vscode-webview|vscode-resource|chrome-extension):/.test(u)) return false;
      try {
        const h = new URL(u).hostname;
        // Webview resources use the virtual host *.vscode-resource.vscode-cdn.net, which the
        // webview's service worker answers from the extension folder; it never reaches a network.
        return !(h === '127.0.0.1' || h === 'localhost' || h.endsWith('.vscode-resource.vscode-cdn.net'));
      } catch {
        return true;
      }
    });
    assert.ok(requests.length > 10);
    assert.deepEqual(outside, []);
  });
});
