// Checks that run inside a page of the book (each function is handed to `page.evaluate`, so it
// must not use anything from this module's scope). Each returns a list of problems, one line
// each, naming what a reader would see.

/**
 * Tables, code blocks and figures that hide part of themselves: content cut off outright
 * (overflow hidden), or reachable only by a scroll the reader is not told about. A scroll
 * container that is wider than its box must have a visible `.scroll-hint` right above it (the
 * book's theme/reader.js adds one): with overlay scroll bars (phones, macOS) there is no other
 * sign, and a table's scroll bar sits at its bottom, a screen or more below its top.
 */
export function hiddenContent() {
  const problems = [];
  const shown = (el) => {
    if (el.closest('[hidden], details:not([open]) > :not(summary)')) return false;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0;
  };
  const describe = (el) => {
    const kind = el.closest('.table-wrapper, table')
      ? 'table'
      : el.closest('pre')
        ? 'code block'
        : el.querySelector('img')
          ? 'figure'
          : el.tagName.toLowerCase();
    const text = (el.querySelector('img')?.getAttribute('src') ?? el.textContent ?? '')
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 50);
    return `${kind} "${text}"`;
  };
  const hinted = (scroller) => {
    const hint = scroller.previousElementSibling;
    if (!hint?.classList.contains('scroll-hint') || !shown(hint)) return false;
    // Right above the content it is about, where the reader starts reading it.
    const gap = scroller.getBoundingClientRect().top - hint.getBoundingClientRect().bottom;
    return gap > -2 && gap < 24;
  };

  const content = document.querySelector('#mdbook-content');
  for (const page of [document.scrollingElement, content]) {
    if (page.scrollWidth > page.clientWidth + 1) {
      problems.push(
        `the page scrolls sideways: ${page.scrollWidth}px of content in ${page.clientWidth}px`,
      );
    }
  }
  for (const el of content.querySelectorAll('*')) {
    if (el.closest('.ace_editor') || !shown(el)) continue;
    const style = getComputedStyle(el);
    const axes = [
      ['sideways', el.scrollWidth - el.clientWidth, style.overflowX],
      ['downwards', el.scrollHeight - el.clientHeight, style.overflowY],
    ];
    for (const [axis, hidden, overflow] of axes) {
      if (hidden <= 1 || overflow === 'visible') continue;
      if (overflow === 'hidden' || overflow === 'clip') {
        problems.push(`${describe(el)} cuts off ${hidden}px ${axis} (overflow: ${overflow})`);
      } else if (!hinted(el)) {
        problems.push(`${describe(el)} hides ${hidden}px ${axis}, and nothing visible says it scrolls`);
      }
    }
  }
  // mdBook's editable listings are Ace editors, which scroll inside themselves.
  for (const el of content.querySelectorAll('.ace_editor')) {
    if (!shown(el) || !window.ace) continue;
    if (window.ace.edit(el).renderer.scrollBarH.isVisible && !hinted(el)) {
      problems.push(`${describe(el)} (an editor) scrolls sideways, and nothing visible says so`);
    }
  }
  return problems;
}

/**
 * Figures (SVG) whose smallest text shows smaller than `minimum` CSS px. The SVG is read
 * again to find its text sizes and its own width; what the reader sees is that size scaled by
 * the width the figure is displayed at.
 */
export async function smallFigureText(minimum) {
  const problems = [];
  const fontSizeOf = (el, root) => {
    for (let node = el; node && node !== root.parentNode; node = node.parentElement) {
      const size = node.getAttribute('font-size') ?? node.style?.fontSize;
      if (size) return parseFloat(size);
    }
    return 16;
  };
  for (const img of document.querySelectorAll('#mdbook-content img')) {
    const box = img.getBoundingClientRect();
    if (!img.currentSrc.endsWith('.svg') || box.width === 0) continue;
    const source = await (await fetch(img.currentSrc)).text();
    const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
    const ownWidth = svg.viewBox?.baseVal?.width || parseFloat(svg.getAttribute('width'));
    const sizes = [...svg.querySelectorAll('text')]
      .filter((text) => text.textContent.trim())
      .map((text) => fontSizeOf(text, svg));
    if (sizes.length === 0) continue;
    const shown = (Math.min(...sizes) * box.width) / ownWidth;
    if (shown < minimum) {
      problems.push(
        `figure ${img.getAttribute('src')}: its smallest text shows at ${shown.toFixed(1)}px ` +
          `(drawn ${ownWidth}px wide, shown ${Math.round(box.width)}px wide)`,
      );
    }
  }
  return problems;
}

/**
 * Scrolls figure number `index` into view, and tells where it shows on screen (the part of it
 * the reader can see), the colour of the page behind it, and where its texts are (boxes in
 * the same coordinates), for the test to compare with a screenshot. Null if it is not shown.
 */
export async function figureArea(index) {
  const backgroundOf = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      const channels = colour.match(/[\d.]+/g)?.map(Number) ?? [];
      if (channels.length === 3 || (channels.length === 4 && channels[3] > 0)) {
        return channels.slice(0, 3);
      }
    }
    return [255, 255, 255];
  };
  // The boxes of an SVG's texts, in its own units: laid out off screen to measure them.
  const textBoxes = async (src) => {
    const source = await (await fetch(src)).text();
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:-20000px;top:0;visibility:hidden';
    holder.innerHTML = source;
    document.body.append(holder);
    const svg = holder.querySelector('svg');
    const ownWidth = svg.viewBox?.baseVal?.width || parseFloat(svg.getAttribute('width'));
    const boxes = [...svg.querySelectorAll('text')]
      .filter((text) => text.textContent.trim())
      .map((text) => {
        const { x, y, width, height } = text.getBBox();
        return { text: text.textContent.trim(), x, y, width, height };
      });
    holder.remove();
    return { ownWidth, boxes };
  };
  const img = document.querySelectorAll('#mdbook-content img')[index];
  if (!img || img.getBoundingClientRect().width === 0) return null;
  img.scrollIntoView({ block: 'center' });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  {
    const box = img.getBoundingClientRect();
    let { left, top, right, bottom } = box;
    // Clip to every scrolling ancestor, then to the window.
    for (let node = img.parentElement; node; node = node.parentElement) {
      if (getComputedStyle(node).overflowX === 'visible') continue;
      const clip = node.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
    left = Math.max(left, 0);
    right = Math.min(right, window.innerWidth);
    // Below mdBook's menu bar, which stays at the top of the window over the page.
    const bar = document.querySelector('#mdbook-menu-bar')?.getBoundingClientRect();
    top = Math.max(top, 0, bar && bar.bottom > 0 ? bar.bottom : 0);
    bottom = Math.min(bottom, window.innerHeight);
    if (right - left < 20 || bottom - top < 20) return null;
    const texts = [];
    if (img.currentSrc.endsWith('.svg')) {
      const { ownWidth, boxes } = await textBoxes(img.currentSrc);
      const scale = box.width / ownWidth;
      for (const text of boxes) {
        const x = box.left + text.x * scale - left;
        const y = box.top + text.y * scale - top;
        const [width, height] = [text.width * scale, text.height * scale];
        if (x >= 0 && y >= 0 && x + width <= right - left && y + height <= bottom - top) {
          texts.push({ text: text.text, x, y, width, height });
        }
      }
    }
    return {
      src: img.getAttribute('src'),
      clip: { x: left, y: top, width: right - left, height: bottom - top },
      background: backgroundOf(img.parentElement),
      texts,
    };
  }
}

/**
 * Editable listings (Ace) coloured differently from read-only ones (highlight.js) on the same
 * page: background, plain text, keywords, strings, comments, numbers, function names, and the
 * operators and paths highlight.js leaves plain.
 */
export function codeColourMismatches() {
  const shown = (el) => el.getBoundingClientRect().width > 0 && !el.closest('[hidden]');
  const editors = [...document.querySelectorAll('#mdbook-content .ace_editor')].filter(shown);
  const blocks = [...document.querySelectorAll('#mdbook-content pre > code.hljs:not(.ace_editor)')]
    .filter((code) => code.classList.contains('language-rust'))
    .filter(shown);
  if (editors.length === 0 || blocks.length === 0) return [];
  const first = (roots, selector) => {
    for (const root of roots) {
      const found = root.querySelector(selector);
      if (found) return found;
    }
    return null;
  };
  const look = (el) => {
    const style = getComputedStyle(el);
    return `${style.color}${style.fontStyle === 'normal' ? '' : ` ${style.fontStyle}`}`;
  };
  const problems = [];
  const [editor, block] = [editors[0], blocks[0]];
  const background = [getComputedStyle(editor).backgroundColor, getComputedStyle(block).backgroundColor];
  if (background[0] !== background[1]) {
    problems.push(`background: ${background[0]} in an editable listing, ${background[1]} in a read-only one`);
  }
  const pairs = [
    ['plain text', editor, block],
    ['keywords', first(editors, '.ace_keyword:not(.ace_operator)'), first(blocks, '.hljs-keyword')],
    ['strings', first(editors, '.ace_string'), first(blocks, '.hljs-string')],
    ['comments', first(editors, '.ace_comment'), first(blocks, '.hljs-comment')],
    ['numbers', first(editors, '.ace_numeric'), first(blocks, '.hljs-number')],
    ['function names', first(editors, '.ace_entity.ace_function'), first(blocks, '.hljs-title')],
    ['operators (plain)', first(editors, '.ace_keyword.ace_operator'), block],
    ['paths like tokio:: (plain)', first(editors, '.ace_support.ace_constant'), block],
  ];
  for (const [what, inEditor, inBlock] of pairs) {
    if (!inEditor || !inBlock) continue;
    const [a, b] = [look(inEditor), look(inBlock)];
    if (a !== b) problems.push(`${what}: ${a} in an editable listing, ${b} in a read-only one`);
  }
  return problems;
}
