// The reader's paths through the built book, in headless Chromium: every chapter renders,
// search, themes, the print page, the copy button and the Run button.
//
// Run it with `cargo xtask browser-test`, which builds the book with the pinned mdBook and
// passes these variables:
//   BOOK_DIR        the built HTML book
//   REPO_ROOT       the repository (for src/SUMMARY.md and the listings)
//   SCREENSHOT_DIR  where to save screenshots for review
//   CHROMIUM        the browser to drive (Debian's /usr/bin/chromium by default)

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolder } from './serve.mjs';

const BOOK_DIR = requiredEnv('BOOK_DIR');
const REPO_ROOT = requiredEnv('REPO_ROOT');
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(REPO_ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BOOK_TITLE = 'Tokio, Concurrently';

// The playground's crate list, as the page asks for it before showing Run buttons.
const PLAYGROUND_CRATES = { crates: ['tokio', 'futures', 'tokio_util'].map((id) => ({ id })) };

// Everything the tests need, set up before any test is defined: if the book is missing, the
// server does not come up or the browser does not start, the run stops here with one line
// saying so, instead of every test timing out.
const { server, browser, context } = await setUpOrExit();

async function setUpOrExit() {
  try {
    if (!existsSync(join(BOOK_DIR, 'index.html'))) {
      throw new Error(`no book at ${BOOK_DIR}: build it first (cargo xtask browser-test does)`);
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no browser at ${CHROMIUM}: install it with apt-get install chromium`);
    }
    const server = await serveFolder(BOOK_DIR);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // The machine has no network but the registries: without these flags Chromium keeps
      // trying to reach Google's services and logs the failures.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return { server, browser, context };
  } catch (error) {
    console.error(`browser test: ${error.message.split('\n')[0]}`);
    process.exit(1);
  }
}

after(async () => {
  await browser.close();
  await server.close();
});

// --- What the book is made of, read from its sources -------------------------------------

/** The chapters of SUMMARY.md, in order: { title, source ('join-set.md'), page ('join-set.html') }. */
function chapters() {
  const summary = readFileSync(join(REPO_ROOT, 'src', 'SUMMARY.md'), 'utf8');
  return [...summary.matchAll(/\[([^\]]+)\]\(([^)]+\.md)\)/g)].map(([, title, source]) => ({
    title,
    source,
    page: source.replace(/\.md$/, '.html'),
  }));
}

/** A listing as a reader gets it: the file without its `// ANCHOR` lines. */
function listingText(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*\/\/ ANCHOR(_END)?: /.test(line))
    .join('\n')
    .trimEnd();
}

/** Every listing of the book, as a reader gets it. */
function allListings() {
  const dir = join(REPO_ROOT, 'listings', 'src', 'bin');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.rs'))
    .map((file) => listingText(join(dir, file)));
}

/** The first `# ` heading of a chapter's source: the page's title on the print page. */
function headingOf(chapter) {
  const source = readFileSync(join(REPO_ROOT, 'src', chapter.source), 'utf8');
  return source.match(/^# (.+)$/m)?.[1];
}

/** The listings a chapter includes whole (`{{#include ….rs:all}}`), as a reader gets them. */
function wholeListingsOf(chapter) {
  const source = readFileSync(join(REPO_ROOT, 'src', chapter.source), 'utf8');
  return [...source.matchAll(/\{\{#include ([^:}]+\.rs):all\}\}/g)].map(([, path]) =>
    listingText(join(REPO_ROOT, 'src', path)),
  );
}

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test with cargo xtask browser-test`);
  return value;
}

// --- Driving a page -----------------------------------------------------------------------

/**
 * Opens a page of the book and collects what went wrong while it loaded: console errors,
 * uncaught exceptions, failed requests, and requests that left the machine. Requests to the
 * Rust playground are answered here, and the code a Run button sends is recorded.
 */
async function openPage(path) {
  const page = await context.newPage();
  const problems = [];
  const sentToPlayground = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.url) return route.continue();
    if (url.href === 'https://play.rust-lang.org/meta/crates') {
      return route.fulfill({ json: PLAYGROUND_CRATES });
    }
    if (url.href === 'https://play.rust-lang.org/evaluate.json') {
      sentToPlayground.push(JSON.parse(route.request().postData()));
      return route.fulfill({ json: { result: 'ran on the pretend playground\n', error: null } });
    }
    problems.push(`the page reaches outside the book: ${url.href}`);
    return route.abort();
  });
  await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
  // mdBook asks the playground for its crate list before it shows the Run buttons (except on
  // `no_run` blocks, whose button stays hidden).
  if (await page.locator('pre.playground').count()) {
    await page.waitForFunction(() =>
      [...document.querySelectorAll('pre.playground')].every(
        (pre) => pre.querySelector('code.no_run') || !pre.querySelector('.play-button').hidden,
      ),
    );
  }
  return { page, problems, sentToPlayground };
}

// --- Per chapter ----------------------------------------------------------------------------

for (const chapter of chapters()) {
  test(`chapter "${chapter.title}" (${chapter.page}) renders cleanly`, async () => {
    const { page, problems } = await openPage(chapter.page);
    try {
      assert.equal(await page.title(), `${chapter.title} - ${BOOK_TITLE}`);

      const text = await page.locator('#mdbook-content').innerText();
      assert.ok(!text.includes('{{#'), 'the page shows a raw {{#…}} directive');

      const unhighlighted = await page.evaluate(() =>
        [...document.querySelectorAll('#mdbook-content pre > code')]
          .filter((code) => !code.classList.contains('hljs') && !code.classList.contains('ace_editor'))
          .map((code) => code.textContent.slice(0, 60)),
      );
      assert.deepEqual(unhighlighted, [], 'code blocks left unhighlighted');

      const scrolled = await page.evaluate(() =>
        [...document.querySelectorAll('#mdbook-content pre')]
          .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
          .map((pre) => pre.textContent.slice(0, 60)),
      );
      assert.deepEqual(scrolled, [], 'code blocks too wide for the page (they scroll sideways)');

      const brokenImages = await page.evaluate(() =>
        [...document.querySelectorAll('#mdbook-content img')]
          .filter((img) => !img.complete || img.naturalWidth === 0)
          .map((img) => img.getAttribute('src')),
      );
      assert.deepEqual(brokenImages, [], 'figures that did not load');

      assert.deepEqual(problems, [], 'errors while the page loaded');
    } finally {
      await page.close();
    }
  });
}

// --- The Run path ---------------------------------------------------------------------------

test('every Rust block either has a Run button that sends a whole tested listing, or says why not', async () => {
  const listings = new Set(allListings());
  for (const chapter of chapters()) {
    const { page, problems, sentToPlayground } = await openPage(chapter.page);
    try {
      const blocks = page.locator('#mdbook-content pre:has(code.language-rust)');
      for (let i = 0; i < (await blocks.count()); i++) {
        const block = blocks.nth(i);
        const where = `${chapter.source}, Rust block ${i + 1}`;
        const code = block.locator('code').first();
        const mark = await code.evaluate(
          (c) => ['ignore', 'no_run'].find((name) => c.classList.contains(name)) ?? null,
        );
        if (mark) {
          // A block kept from the playground must say why, in the text right after it.
          const reason = await block.evaluate((pre) => pre.nextElementSibling?.textContent ?? '');
          assert.ok(reason.includes(mark), `${where} is marked ${mark} without a reason after it`);
          continue;
        }
        // A `should_panic` block is one that must fail (here, to compile): it runs, to show
        // the error, but is not a listing, and must say so right after it.
        const mustFail = await code.evaluate((c) => c.classList.contains('should_panic'));
        if (mustFail) {
          const reason = await block.evaluate((pre) => pre.nextElementSibling?.textContent ?? '');
          assert.ok(reason.includes('should_panic'), `${where} is marked should_panic without a reason`);
        }
        const runButton = block.locator('.play-button');
        assert.equal(await runButton.count(), 1, `${where} has no Run button`);
        // mdBook shows a block's buttons while the pointer is over it, as a reader's would be.
        await block.hover();
        await runButton.click();
        await block.locator('.result').filter({ hasText: 'pretend playground' }).waitFor();
        const sent = sentToPlayground.at(-1);
        assert.equal(sent.edition, '2024', `${where} sends edition ${sent.edition}`);
        assert.ok(
          mustFail || listings.has(sent.code.trimEnd()),
          `${where} sends code that is not a listing:\n${sent.code}`,
        );
      }
      assert.deepEqual(problems, [], `errors on ${chapter.page}`);
    } finally {
      await page.close();
    }
  }
});

// --- The copy path --------------------------------------------------------------------------

test('the copy button of every whole listing copies exactly the listing the tests run', async () => {
  for (const chapter of chapters()) {
    const expected = wholeListingsOf(chapter);
    if (expected.length === 0) continue;
    const { page } = await openPage(chapter.page);
    try {
      const copied = [];
      const blocks = page.locator('#mdbook-content pre:has(.clip-button)');
      for (let i = 0; i < (await blocks.count()); i++) {
        await blocks.nth(i).hover();
        await blocks.nth(i).locator('.clip-button').click();
        copied.push((await page.evaluate(() => navigator.clipboard.readText())).trimEnd());
      }
      for (const listing of expected) {
        assert.ok(
          copied.includes(listing),
          `${chapter.source}: no copy button copies this listing:\n${listing}\n\ncopied:\n${copied.join('\n-----\n')}`,
        );
      }
    } finally {
      await page.close();
    }
  }
});

// --- The book as a whole --------------------------------------------------------------------

test('searching for JoinSet finds the chapter that teaches it', async () => {
  const { page } = await openPage('index.html');
  try {
    await page.locator('#mdbook-search-toggle').click();
    // Type like a reader: mdBook searches on key presses, not on a filled-in value.
    await page.locator('#mdbook-searchbar').pressSequentially('JoinSet');
    const results = page.locator('#mdbook-searchresults a');
    await results.first().waitFor();
    const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((href) => href.startsWith('join-set.html')), `results: ${hrefs.join(', ')}`);
  } finally {
    await page.close();
  }
});

test('the theme switch changes the theme, and screenshots of two chapters in light and dark', async () => {
  for (const chapter of ['spawn-await-each', 'join-futures']) {
    const { page } = await openPage(`${chapter}.html`);
    try {
      for (const theme of ['light', 'navy']) {
        if (!(await page.locator('#mdbook-theme-list').isVisible())) {
          await page.locator('#mdbook-theme-toggle').click();
        }
        await page.locator(`#mdbook-theme-${theme}`).click();
        assert.ok(
          await page.evaluate((name) => document.documentElement.classList.contains(name), theme),
          `the theme did not switch to ${theme}`,
        );
        // Close the theme menu, so the screenshot shows the page itself.
        if (await page.locator('#mdbook-theme-list').isVisible()) {
          await page.locator('#mdbook-theme-toggle').click();
        }
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${chapter}-${theme}.png`) });
        const figure = page.locator('#mdbook-content img').first();
        if (await figure.count()) {
          await figure.screenshot({ path: join(SCREENSHOT_DIR, `${chapter}-figure-${theme}.png`) });
        }
      }
    } finally {
      await page.close();
    }
  }
});

test('the print page holds every chapter', async () => {
  const { page, problems } = await openPage('print.html');
  try {
    const headings = await page.locator('#mdbook-content h1').allInnerTexts();
    for (const chapter of chapters()) {
      const heading = headingOf(chapter);
      assert.ok(headings.includes(heading), `print.html lacks the chapter "${heading}"`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
