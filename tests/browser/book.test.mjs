// The reader's paths through the built book, in headless Chromium: every chapter renders, and
// reads on a phone and a desktop, in a light and a dark theme; search, themes, the print page,
// the 404 page, the copy button and the Run button (also with the playground out of reach).
//
// Run it with `cargo xtask browser-test`, which builds the book with the pinned mdBook, as the
// publishing workflow does, and passes these variables:
//   BOOK_DIR        the built HTML book
//   SITE_PATH       the path the book is served under, as on GitHub Pages (`/<repository>/`);
//                   the book was built with it as `output.html.site-url`
//   REPO_ROOT       the repository (for src/SUMMARY.md and the listings)
//   SCREENSHOT_DIR  where to save screenshots for review
//   CHROMIUM        the browser to drive (Debian's /usr/bin/chromium by default)

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveFolder } from './serve.mjs';
import { contrast, decodePng } from './png.mjs';
import { codeColourMismatches, figureArea, hiddenContent, smallFigureText } from './in-page.mjs';

const BOOK_DIR = requiredEnv('BOOK_DIR');
const REPO_ROOT = requiredEnv('REPO_ROOT');
const SITE_PATH = process.env.SITE_PATH ?? '/tokio-concurrently/';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(REPO_ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BOOK_TITLE = 'Tokio, Concurrently';

// The two screens every chapter must read on, and the dark theme it is checked in.
const SCREENS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};
const DARK_THEME = 'navy';
// The smallest figure text a reader can read, in CSS px as displayed.
const MIN_FIGURE_TEXT = 9;

// What a Python programmer types into the search box, and the chapters that answer it: one of
// them must be among the first three results.
const SEARCHES = {
  gather: ['join-futures.html'],
  create_task: ['tasks.html', 'spawn-await-each.html'],
  as_completed: ['results-order.html', 'streams.html'],
  TaskGroup: ['join-set.html'],
  wait: ['wait-join-all.html'],
  'sleep(0)': ['every-core.html'],
};

// The playground's crate list, as the page asks for it before showing Run buttons.
const PLAYGROUND_CRATES = { crates: ['tokio', 'futures', 'tokio_util'].map((id) => ({ id })) };
const PLAYGROUND = 'https://play.rust-lang.org/';

// Everything the tests need, set up before any test is defined: if the book is missing, the
// server does not come up or the browser does not start, the run stops here with one line
// saying so, instead of every test timing out.
const { server, browser } = await setUpOrExit();

async function setUpOrExit() {
  try {
    if (!existsSync(join(BOOK_DIR, 'index.html'))) {
      throw new Error(`no book at ${BOOK_DIR}: build it first (cargo xtask browser-test does)`);
    }
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no browser at ${CHROMIUM}: install it with apt-get install chromium`);
    }
    const server = await serveFolder(BOOK_DIR, SITE_PATH);
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
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    return { server, browser };
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

/** Every HTML page of the built book: [name, text]. */
function builtPages() {
  return readdirSync(BOOK_DIR, { recursive: true })
    .filter((file) => file.endsWith('.html'))
    .map((file) => [file, readFileSync(join(BOOK_DIR, file), 'utf8')]);
}

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test with cargo xtask browser-test`);
  return value;
}

// --- Driving a page -----------------------------------------------------------------------

const contexts = new Map();

/** A browser context for a screen ('desktop' or 'phone') and a theme (null: the book's default). */
async function contextFor(screen, theme) {
  const key = `${screen}/${theme}`;
  if (!contexts.has(key)) {
    const context = await browser.newContext(SCREENS[screen]);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    if (theme) {
      // As a reader who chose the theme on an earlier visit.
      await context.addInitScript((name) => localStorage.setItem('mdbook-theme', name), theme);
    }
    contexts.set(key, context);
  }
  return contexts.get(key);
}

/**
 * Opens a page of the book and collects what went wrong while it loaded: console errors,
 * uncaught exceptions, failed requests, and requests that left the machine. Requests to the
 * Rust playground are answered here and the code a Run button sends is recorded. With
 * `playground:` 'unreachable' they fail, as offline; 'proxy' answers them with a proxy's
 * refusal; 'silent' never answers; 'cannot-run' gives the crate list but fails to run anything.
 */
async function openPage(path, { screen = 'desktop', theme = null, playground = 'answers' } = {}) {
  const context = await contextFor(screen, theme);
  const page = await context.newPage();
  const problems = [];
  const sentToPlayground = [];
  const unreachable = ['unreachable', 'proxy', 'silent'].includes(playground);
  // With the playground out of reach, the browser itself logs each failed request to it: that
  // is the network, not the page, and is what the test sets up.
  const expectedFailure = (text) =>
    (unreachable && text.includes(PLAYGROUND)) ||
    (playground === 'cannot-run' && text.includes(`${PLAYGROUND}evaluate.json`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url ?? '';
    if (expectedFailure(where) || (playground !== 'answers' && /^Failed to load resource/.test(message.text()))) {
      return;
    }
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (expectedFailure(request.url())) return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.origin) return route.continue();
    if (url.href.startsWith(PLAYGROUND) && playground === 'unreachable') {
      return route.abort('internetdisconnected');
    }
    if (url.href.startsWith(PLAYGROUND) && playground === 'proxy') {
      // (A proxy's HTML page, without CORS headers, fails the request as offline does.)
      return route.fulfill({ status: 403, json: { error: 'blocked by policy' } });
    }
    if (url.href.startsWith(PLAYGROUND) && playground === 'silent') {
      return; // Never answered: mdBook gives up after 6 s.
    }
    if (url.href === `${PLAYGROUND}meta/crates`) {
      return route.fulfill({ json: PLAYGROUND_CRATES });
    }
    if (url.href === `${PLAYGROUND}evaluate.json`) {
      sentToPlayground.push(JSON.parse(route.request().postData()));
      if (playground === 'cannot-run') return route.abort('internetdisconnected');
      return route.fulfill({ json: { result: 'ran on the pretend playground\n', error: null } });
    }
    problems.push(`the page reaches outside the book: ${url.href}`);
    return route.abort();
  });
  const response = await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  if (!unreachable && (await page.locator('pre.playground').count())) {
    // mdBook asks the playground for its crate list before it shows the Run buttons (except
    // on `no_run` blocks, whose button stays hidden).
    await page.waitForFunction(() =>
      [...document.querySelectorAll('pre.playground')].every(
        (pre) => pre.querySelector('code.no_run') || !pre.querySelector('.play-button').hidden,
      ),
    );
  }
  return { page, problems, sentToPlayground, response };
}

/** The text right after a block, or after the tabs it sits in (theme/tabs.js). */
function textAfter(pre) {
  return (pre.closest('.tabs') ?? pre).nextElementSibling?.textContent ?? '';
}

/** Makes a block visible if it sits in a tab that is not selected (theme/tabs.js). */
async function reveal(block) {
  const tab = await block.getAttribute('aria-labelledby');
  if (tab && (await block.evaluate((pre) => pre.hidden))) {
    await block.page().locator(`#${tab}`).click();
  }
}

/** Opens every folded answer, and waits until the layout has settled. */
async function unfoldEverything(page) {
  await page.evaluate(async () => {
    for (const details of document.querySelectorAll('#mdbook-content details')) details.open = true;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** Switches the page to another theme with mdBook's theme menu, and waits until it shows. */
async function switchTheme(page, theme) {
  await page.evaluate(async (name) => {
    document.querySelector(`#mdbook-theme-${name}`).click();
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, theme);
  // The theme's highlight.js stylesheet loads when mdBook enables it, and Ace applies its own
  // theme to the editors a moment later: until then the page is half switched.
  await page.waitForFunction(
    (name) =>
      document.documentElement.classList.contains(name) &&
      [...document.querySelectorAll('link[rel="stylesheet"]')].every(
        (link) => link.disabled || link.media === 'print' || link.sheet,
      ) &&
      [...document.querySelectorAll('.ace_editor')].every((editor) =>
        editor.classList.contains(name === 'light' || name === 'rust' ? 'ace-dawn' : 'ace-tomorrow-night'),
      ),
    theme,
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** Selects the given tab ('rust' or 'python') of every tab group on the page. */
async function selectTabs(page, language) {
  const button = page.locator(`.tabs .tab[data-language="${language}"]`).first();
  if (await button.count()) {
    await button.click();
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  }
}

/**
 * What a reader would miss on the page as it is shown now: hidden content, figures too small
 * to read or whose background or ink does not suit the page, listings coloured two ways.
 */
async function readingProblems(page) {
  const problems = [...(await page.evaluate(hiddenContent))];
  problems.push(...(await page.evaluate(smallFigureText, MIN_FIGURE_TEXT)));
  problems.push(...(await page.evaluate(codeColourMismatches)));
  const figures = await page.locator('#mdbook-content img').count();
  for (let index = 0; index < figures; index++) {
    const area = await page.evaluate(figureArea, index);
    if (!area) continue;
    const image = decodePng(await page.screenshot({ clip: area.clip, scale: 'css' }));
    const inset = 3;
    const corners = [
      [inset, inset],
      [image.width - 1 - inset, inset],
      [inset, image.height - 1 - inset],
      [image.width - 1 - inset, image.height - 1 - inset],
    ].map(([x, y]) => image.at(x, y));
    const differs = corners.find((pixel) =>
      pixel.some((channel, i) => Math.abs(channel - area.background[i]) > 8),
    );
    if (differs) {
      problems.push(
        `figure ${area.src}: its background (rgb ${differs.join(', ')}) differs from the page's ` +
          `(rgb ${area.background.join(', ')})`,
      );
    }
    // Each text must stand out from what is right behind it (3:1, what WCAG asks of
    // graphics): black text on a dark page does not. What is behind a text is the colour most
    // of its box has (the page, or a bar the label sits on).
    const faint = [];
    for (const text of area.texts) {
      const pixels = [];
      for (let y = Math.floor(text.y); y < Math.min(image.height, text.y + text.height); y += 1) {
        for (let x = Math.floor(text.x); x < Math.min(image.width, text.x + text.width); x += 1) {
          pixels.push(image.at(x, y));
        }
      }
      const counts = new Map();
      for (const pixel of pixels) {
        const key = pixel.map((channel) => channel >> 3).join();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const [behindKey] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
      if (!behindKey) continue;
      const behind = pixels.find((pixel) => pixel.map((channel) => channel >> 3).join() === behindKey);
      const strongest = Math.max(1, ...pixels.map((pixel) => contrast(pixel, behind)));
      if (strongest < 3) faint.push(`"${text.text}" (${strongest.toFixed(1)}:1)`);
    }
    if (faint.length) {
      problems.push(
        `figure ${area.src}: ${faint.length} of its texts barely show on the page, ` +
          `e.g. ${faint.slice(0, 2).join(', ')}`,
      );
    }
  }
  return problems;
}

// --- Per chapter ----------------------------------------------------------------------------

// Three chapters at a time: a page mostly waits (for its scripts, the editor, a frame), so
// this takes about half the time of one at a time, even on two cores.
describe('every chapter', { concurrency: 3 }, () => {
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

    test(`chapter "${chapter.title}" reads on a phone and a desktop, light and ${DARK_THEME}`, async () => {
      const found = [];
      for (const screen of Object.keys(SCREENS)) {
        const { page, problems } = await openPage(chapter.page, { screen, theme: 'light' });
        try {
          await unfoldEverything(page);
          for (const theme of ['light', DARK_THEME]) {
            // As a reader switches: with the theme menu, on the page as it is.
            if (theme !== 'light') await switchTheme(page, theme);
            for (const language of ['rust', 'python']) {
              await selectTabs(page, language);
              for (const problem of await readingProblems(page)) {
                found.push(`${screen}, ${theme}: ${problem}`);
              }
            }
          }
          found.push(...problems.map((problem) => `${screen}: ${problem}`));
        } finally {
          await page.close();
        }
      }
      assert.deepEqual([...new Set(found)], [], `${chapter.source}: what a reader would miss`);
    });

    test(`chapter "${chapter.title}" with the playground out of reach: every runnable listing says how to run it`, async () => {
      const { page, problems } = await openPage(chapter.page, { playground: 'unreachable' });
      try {
        const runnable = page.locator('#mdbook-content pre.playground:not(:has(code.no_run))');
        const count = await runnable.count();
        // The page finds out when its request for the playground's crate list fails.
        await page
          .waitForFunction(
            () =>
              [...document.querySelectorAll('#mdbook-content pre.playground')].every(
                (pre) =>
                  pre.querySelector('code.no_run') ||
                  !pre.querySelector('.play-button')?.hidden ||
                  pre.querySelector('.playground-unreachable'),
              ),
            null,
            { timeout: 8000 },
          )
          .catch(() => {});
        const silent = [];
        for (let i = 0; i < count; i++) {
          const block = runnable.nth(i);
          await reveal(block);
          const offers = await block.evaluate((pre) => {
            const visible = (el) => el && el.getBoundingClientRect().height > 0 && !el.hidden;
            const note = pre.querySelector('.playground-unreachable');
            if (visible(note)) {
              return { text: note.innerText.trim(), links: note.querySelectorAll('a[href]').length };
            }
            return null;
          });
          const where = `${chapter.source}, runnable listing ${i + 1}`;
          if (!offers) silent.push(`${where} has no Run button and does not say why`);
          else if (offers.text.length > 200) silent.push(`${where}: its note runs long: ${offers.text}`);
          else if (offers.links === 0) silent.push(`${where}: its note links to no way to run it`);
        }
        // The note's link leads to the section on running a listing with cargo.
        const how = await page.locator('.playground-unreachable a').first();
        if (count && (await how.count())) {
          const [target, fragment] = (await how.evaluate((a) => a.href)).split('#');
          const answer = await page.request.get(target);
          assert.equal(answer.status(), 200, `the note links to ${target}`);
          assert.ok((await answer.text()).includes(`id="${fragment}"`), `${target} has no #${fragment}`);
        }
        // Give a late rejection (mdBook's own 6-second timeout) no chance to pass unseen.
        if (count) await page.waitForTimeout(200);
        assert.deepEqual([...silent, ...problems], []);
        if (chapter.page === 'spawn-await-each.html') {
          await page.locator('.playground-unreachable').first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SCREENSHOT_DIR, 'playground-unreachable.png') });
        }
      } finally {
        await page.close();
      }
    });
  }

});

// --- The Run path ---------------------------------------------------------------------------

test('when a proxy answers for the playground, or nothing answers, listings say how to run them', async () => {
  for (const playground of ['proxy', 'silent']) {
    const { page, problems } = await openPage('tasks.html', { playground });
    try {
      await page.locator('.playground-unreachable').first().waitFor({ state: 'attached', timeout: 10000 });
      const blocks = await page.locator('#mdbook-content pre.playground:not(:has(code.no_run))').count();
      assert.equal(await page.locator('.playground-unreachable').count(), blocks, `${playground}: notes`);
      // mdBook's own 6-second timeout must not surface either.
      if (playground === 'silent') await page.waitForTimeout(500);
      assert.deepEqual(problems, [], playground);
    } finally {
      await page.close();
    }
  }
});

test('when the playground answers but cannot run a listing, the result says what to do', async () => {
  const { page, problems } = await openPage('spawn-await-each.html', { playground: 'cannot-run' });
  try {
    const block = page.locator('#mdbook-content pre.playground:not(:has(code.no_run))').first();
    await reveal(block);
    await block.hover();
    await block.locator('.play-button').click();
    await block.locator('.result').filter({ hasText: 'cargo run' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('every Rust block either has a Run button that sends a whole tested listing, or says why not', async () => {
  const listings = new Set(allListings());
  for (const chapter of chapters()) {
    const { page, problems, sentToPlayground } = await openPage(chapter.page);
    try {
      const blocks = page.locator('#mdbook-content pre:has(code.language-rust, code.editable)');
      for (let i = 0; i < (await blocks.count()); i++) {
        const block = blocks.nth(i);
        const where = `${chapter.source}, Rust block ${i + 1}`;
        await reveal(block);
        const code = block.locator('code').first();
        const mark = await code.evaluate(
          (c) => ['ignore', 'no_run'].find((name) => c.classList.contains(name)) ?? null,
        );
        if (mark) {
          // A block kept from the playground must say why, in the text right after it (or after
          // the tabs it sits in).
          const reason = await block.evaluate(textAfter);
          assert.ok(reason.includes(mark), `${where} is marked ${mark} without a reason after it`);
          continue;
        }
        // A block that must fail runs, to show the error, but is not a listing. One marked
        // `compile_fail,E…` must say, right before or after it, that it does not compile and
        // with which error; one marked `should_panic` must say so right after it.
        const mustFail = await code.evaluate(
          (c) => ['compile_fail', 'should_panic'].find((name) => c.classList.contains(name)) ?? null,
        );
        if (mustFail === 'compile_fail') {
          const { around, error } = await block.evaluate((pre) => {
            const at = pre.closest('.tabs') ?? pre;
            return {
              around: `${at.previousElementSibling?.textContent ?? ''} ${at.nextElementSibling?.textContent ?? ''}`,
              error: [...pre.querySelector('code').classList].find((name) => /^E\d{4}$/.test(name)),
            };
          });
          assert.ok(
            /compile/.test(around) && (!error || around.includes(error)),
            `${where} is marked compile_fail,${error} without saying so next to it`,
          );
        } else if (mustFail) {
          const reason = await block.evaluate(textAfter);
          assert.ok(reason.includes(mustFail), `${where} is marked ${mustFail} without a reason`);
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
      await unfoldEverything(page);
      const copied = [];
      const blocks = page.locator('#mdbook-content pre:has(.clip-button)');
      for (let i = 0; i < (await blocks.count()); i++) {
        await reveal(blocks.nth(i));
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

// --- Listings: editable or showing a part ---------------------------------------------------

test('no editable listing has hidden lines (the editor would show them all)', () => {
  const found = [];
  for (const [file, html] of builtPages()) {
    if (file === 'print.html') continue;
    for (const [block] of html.matchAll(/<code class="[^"]*\beditable\b[^"]*">[\s\S]*?<\/code>/g)) {
      if (block.includes('class="boring"')) {
        found.push(`${file}: ${block.replace(/<[^>]+>/g, '').split('\n').find((l) => l.trim())}`);
      }
    }
  }
  assert.deepEqual(found, [], 'editable listings with `# ` lines: make them read-only, or show them whole');
});

// --- Search ---------------------------------------------------------------------------------

test('searches a Python programmer makes find the chapter that answers them', async () => {
  const { page } = await openPage('index.html');
  const missed = [];
  try {
    await page.locator('#mdbook-search-toggle').click();
    const bar = page.locator('#mdbook-searchbar');
    const searchFor = async (term) => {
      await bar.fill('');
      // Type like a reader: mdBook searches on key presses, not on a filled-in value.
      await bar.pressSequentially(term);
      await page.waitForFunction(
        (t) => document.querySelector('#mdbook-searchresults-header')?.innerText.includes(`'${t}'`),
        term,
      );
      return page
        .locator('#mdbook-searchresults > li > a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    };
    const joinSet = await searchFor('JoinSet');
    assert.ok(joinSet.some((href) => href.startsWith('join-set.html')), `JoinSet: ${joinSet.join(', ')}`);
    for (const [term, answers] of Object.entries(SEARCHES)) {
      const hrefs = await searchFor(term);
      const top = hrefs.slice(0, 3).map((href) => href.split(/[?#]/)[0]);
      if (!top.some((href) => answers.includes(href))) {
        missed.push(`"${term}": ${answers.join(' or ')} not in the first three: ${top.join(', ') || 'nothing found'}`);
      }
      if (term === 'gather') {
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'search-gather.png') });
      }
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(missed, []);
});

// --- Themes, tables, figures, for review ---------------------------------------------------

test('the theme switch changes the theme, and screenshots of two chapters in light and dark', async () => {
  for (const chapter of ['spawn-await-each', 'join-futures']) {
    const { page } = await openPage(`${chapter}.html`);
    try {
      for (const theme of ['light', DARK_THEME]) {
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

test('screenshots for review: a phone, a dark page, the benchmark tables', async () => {
  const shots = [
    ['phone-spawn-await-each.png', 'spawn-await-each.html', 'phone', 'light', '#mdbook-content img'],
    ['phone-dark-join-set.png', 'join-set.html', 'phone', DARK_THEME, '.tabs'],
    ['dark-how-many-tasks-chart.png', 'how-many-tasks.html', 'desktop', DARK_THEME, '#mdbook-content img'],
    ['table-desktop.png', 'how-many-tasks.html', 'desktop', 'light', '.table-wrapper'],
    ['table-phone.png', 'how-many-tasks.html', 'phone', 'light', '.table-wrapper'],
    ['table-phone-dark.png', 'cheat-sheet.html', 'phone', DARK_THEME, '.table-wrapper'],
  ];
  for (const [file, path, screen, theme, selector] of shots) {
    const { page } = await openPage(path, { screen, theme });
    try {
      const target = page.locator(selector).first();
      await target.evaluate((el) => {
        // Show what is just above it too (a scroll hint), under mdBook's menu bar.
        el.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -80);
      });
      await page.screenshot({ path: join(SCREENSHOT_DIR, file) });
    } finally {
      await page.close();
    }
  }
});

// --- The book as a whole --------------------------------------------------------------------

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

test('a built book links to no repository and no edit page (only the publishing workflow sets them)', () => {
  const found = builtPages()
    .filter(([, html]) => /title="Git repository"|rel="edit"|title="Suggest an edit"/.test(html))
    .map(([file]) => file);
  assert.deepEqual(found, [], 'pages with a repository or edit link');
});

test(`a missing page under ${SITE_PATH} gets the book's styled 404 page, whose links work`, async () => {
  for (const missing of ['no-such-chapter.html', 'deeper/still/gone.html']) {
    const { page, problems, response } = await openPage(missing);
    try {
      assert.equal(response.status(), 404, `${missing}: status`);
      assert.equal(await page.title(), `Page not found - ${BOOK_TITLE}`);
      // Styled: mdBook's stylesheets loaded (the menu bar is laid out, the text in its font).
      const styled = await page.evaluate(() => ({
        sheets: [...document.styleSheets].filter((sheet) => sheet.href).length,
        menuBar: getComputedStyle(document.querySelector('#mdbook-menu-bar')).display,
        font: getComputedStyle(document.body).fontFamily,
        sidebarLinks: document.querySelectorAll('#mdbook-sidebar a[href]').length,
      }));
      assert.ok(styled.sheets >= 5, `${missing}: only ${styled.sheets} stylesheets`);
      assert.equal(styled.menuBar, 'flex', `${missing}: the menu bar is not laid out`);
      assert.match(styled.font, /Open Sans/, `${missing}: the text is not in the book's font`);
      // As many chapter links as the table of contents the book was built with.
      const builtToc = readFileSync(join(BOOK_DIR, 'toc.html'), 'utf8').match(/<a href="[^"]+\.html"/g) ?? [];
      assert.ok(styled.sidebarLinks >= builtToc.length, `${missing}: the table of contents is missing`);
      // The browser logs the page's own status 404, as for any missing page; nothing else.
      const own = new URL(missing, server.url).href;
      const others = problems.filter((problem) => !(problem.includes('status of 404') && problem.includes(own)));
      assert.deepEqual(others, [], `${missing}: errors on the 404 page`);
      // Every link of the page leads to a page of the book.
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')]
          .map((a) => a.href)
          .filter((href) => href.startsWith(location.origin)),
      );
      for (const link of new Set(links.map((href) => href.split('#')[0]))) {
        const status = (await page.request.get(link)).status();
        assert.equal(status, 200, `${missing}: the link to ${link} answers ${status}`);
      }
      // And a reader who follows the first chapter's link lands on it.
      await page.locator('#mdbook-sidebar a[href$="introduction.html"]').first().click();
      await page.waitForURL(/introduction\.html$/);
      assert.equal(await page.title(), `Introduction - ${BOOK_TITLE}`);
      if (missing === 'no-such-chapter.html') {
        await page.goBack();
        await page.screenshot({ path: join(SCREENSHOT_DIR, '404.png') });
      }
    } finally {
      await page.close();
    }
  }
});

// --- Quizzes --------------------------------------------------------------------------------

/** The chapters that end with a quiz (`{{#quiz ../quizzes/NAME.toml}}`). */
function chaptersWithQuizzes() {
  return chapters().filter((chapter) =>
    readFileSync(join(REPO_ROOT, 'src', chapter.source), 'utf8').includes('{{#quiz '),
  );
}

/** The quiz mdbook-quiz put in the page (its questions, as JSON in the placeholder). */
async function quizOf(page) {
  await page.locator('.mdbook-quiz').waitFor();
  return page.evaluate(() => {
    const placeholder = document.querySelector('.quiz-placeholder');
    return {
      name: JSON.parse(placeholder.dataset.quizName),
      questions: JSON.parse(placeholder.dataset.quizQuestions).questions,
    };
  });
}

/** Answers the question on screen, then submits it. `answer` is 'right' or 'wrong'. */
async function answerQuestion(quiz, question, answer) {
  const right = answer === 'right';
  if (question.type === 'Tracing') {
    const compiles = right === question.answer.doesCompile;
    await quiz.locator(`input[name="doesCompile"][value="${compiles}"]`).check();
    if (compiles) {
      await quiz.locator('textarea').fill(right ? question.answer.stdout : 'something else');
    }
  } else if (question.type === 'MultipleChoice') {
    const answers = [question.answer.answer].flat();
    const pick = right ? answers : [question.prompt.distractors[0]];
    for (const choice of await quiz.locator('.choice').all()) {
      const value = await choice.locator('input').getAttribute('value');
      if (pick.includes(value)) await choice.locator('input').check();
    }
  } else {
    await quiz.locator('input[type="text"], textarea').first().fill(right ? question.answer.answer : '?');
  }
  await quiz.locator('input[type="submit"]').click();
}

/** The program a `Tracing` question shows, as a reader reads it (one line per line number). */
async function shownProgram(quiz) {
  return quiz.locator('.prompt pre.line-numbers > code').evaluateAll((lines) =>
    lines.map((line) => line.textContent).join('\n'),
  );
}

async function forgetAnswers(page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('mdbook-quiz:')) localStorage.removeItem(key);
    }
  });
}

test('every quiz runs to its end, and shows each program and choice the tests checked', async () => {
  const found = [];
  const withQuizzes = chaptersWithQuizzes();
  assert.ok(withQuizzes.length >= 17, `only ${withQuizzes.length} chapters have a quiz`);
  for (const chapter of withQuizzes) {
    const { page, problems } = await openPage(chapter.page);
    try {
      const { name, questions } = await quizOf(page);
      const quiz = page.locator('.mdbook-quiz');
      assert.equal(name, chapter.source.replace(/\.md$/, ''), `${chapter.source}: the quiz's name`);
      await quiz.locator('button.start').click();
      for (const [index, question] of questions.entries()) {
        const where = `${chapter.source}, question ${index + 1} (${question.id})`;
        await quiz.locator('.question').waitFor();
        if (question.type === 'Tracing') {
          // The text a reader traces is the text the tests compiled and ran, and on a desktop
          // it fits the page.
          const shown = await shownProgram(quiz);
          if (shown !== question.prompt.program.trim()) {
            found.push(`${where}: the page shows another program:\n${shown}`);
          }
          const pre = quiz.locator('.prompt pre.line-numbers');
          if (await pre.evaluate((el) => el.scrollWidth > el.clientWidth + 1)) {
            found.push(`${where}: the program is too wide for the page (it scrolls sideways)`);
          }
        } else if (question.type === 'MultipleChoice') {
          const choices = await quiz.locator('.choice').count();
          const expected = question.prompt.distractors.length + [question.answer.answer].flat().length;
          if (choices !== expected) found.push(`${where}: ${choices} choices, not ${expected}`);
        }
        await answerQuestion(quiz, question, 'right');
      }
      const review = await quiz.locator('section').innerText();
      const all = `${questions.length}/${questions.length}`;
      if (!review.includes(`You answered ${all} questions correctly`)) {
        found.push(`${chapter.source}: all answers right, yet the quiz says: ${review.slice(0, 80)}`);
      }
      found.push(...problems.map((problem) => `${chapter.source}: ${problem}`));
    } finally {
      await forgetAnswers(page);
      await page.close();
    }
  }
  assert.deepEqual(found, []);
});

test('a quiz tells a reader which answer was right and which wrong, and why, on a phone and a desktop, light and dark', async () => {
  const chapter = 'introduction';
  for (const screen of Object.keys(SCREENS)) {
    for (const theme of ['light', DARK_THEME]) {
      // The whole quiz, without mdBook's menu bar over its top.
      const shot = (moment) => ({
        path: join(SCREENSHOT_DIR, `quiz-${screen}-${theme}-${moment}.png`),
        style: '#mdbook-menu-bar { visibility: hidden !important; }',
      });
      const { page, problems } = await openPage(`${chapter}.html`, { screen, theme });
      try {
        const { name, questions } = await quizOf(page);
        const quiz = page.locator('.mdbook-quiz');
        await quiz.locator('button.start').click();
        await quiz.locator('.question').waitFor();
        await quiz.screenshot(shot('before'));

        // The first question right (a Tracing question: the exact output), the second wrong,
        // the others right.
        assert.equal(questions[0].type, 'Tracing');
        const answers = questions.map((_, index) => (index === 1 ? 'wrong' : 'right'));
        for (const [index, question] of questions.entries()) {
          await quiz.locator('.question').waitFor();
          await answerQuestion(quiz, question, answers[index]);
        }

        // The review: how many were right, each answer marked, and a choice.
        const review = quiz.locator('section');
        const right = answers.filter((answer) => answer === 'right').length;
        assert.match(
          await review.innerText(),
          new RegExp(`You answered ${right}/${questions.length} questions correctly`),
        );
        const marks = await quiz.locator('.answer').evaluateAll((answers) =>
          answers.map((answer) => (answer.querySelector('.incorrect') ? 'wrong' : 'right')),
        );
        assert.deepEqual(marks, answers, 'how each answer is marked');
        assert.equal(await quiz.locator('.context').count(), 0, 'explanations before the reader asks');

        // The reader gives up and sees the right answers, each with its explanation.
        await quiz.getByRole('button', { name: 'see the correct answers' }).first().click();
        const wrong = quiz.locator('.answer').nth(1);
        assert.match(await wrong.innerText(), /The correct answer is:/);
        const contexts = await quiz.locator('.context').allInnerTexts();
        assert.equal(contexts.length, questions.length, 'an explanation per question');
        for (const [index, question] of questions.entries()) {
          const start = question.context.trim().split(/\s+/).slice(0, 4).join(' ').replace(/`/g, '');
          assert.ok(contexts[index].includes(start), `question ${index + 1}: its context is not shown`);
        }
        // The explanations' links lead to the heading they name.
        const links = await quiz.locator('.context a[href]').evaluateAll((as) => as.map((a) => a.href));
        assert.ok(links.length > 0, 'the explanations link to the chapters that prove them');
        for (const link of links) {
          const [target, fragment] = link.split('#');
          const answer = await page.request.get(target);
          assert.equal(answer.status(), 200, link);
          if (fragment) assert.ok((await answer.text()).includes(`id="${fragment}"`), link);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px with the quiz answered`);
        await quiz.screenshot(shot('after'));

        // The answers stay in the reader's browser (cache-answers), and nothing else leaves it
        // (openPage reports any request to another address).
        const stored = await page.evaluate((key) => localStorage.getItem(key), `mdbook-quiz:${name}`);
        assert.ok(stored, 'the answers are not kept in the browser');
        await page.reload({ waitUntil: 'load' });
        await page.locator('.mdbook-quiz .answer').first().waitFor();
        assert.match(
          await page.locator('.mdbook-quiz section').innerText(),
          new RegExp(`You answered ${right}/${questions.length}`),
        );
        assert.deepEqual(problems, [], 'errors while the quiz ran');
      } finally {
        await forgetAnswers(page);
        await page.close();
      }
    }
  }
});
