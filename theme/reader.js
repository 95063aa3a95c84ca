// What the book adds to mdBook's pages for every reader and every screen (with
// theme/reader.css; mdBook's own theme is not forked):
//
// - a hint right above any table, code block or figure that is wider than the page, because
//   with overlay scroll bars (phones, macOS) nothing else says it scrolls, and a table's scroll
//   bar sits at its bottom, a screen or more below its top; wide tables first get a denser
//   layout, and keep their first column in view while they scroll;
// - figures (SVG) never shown smaller than makes their smallest text readable: on a narrow
//   screen they scroll sideways at that size instead of shrinking to a blur;
// - a line under each runnable listing when the Rust Playground cannot be reached (see
//   theme/head.hbs), saying how to run it instead of leaving no ▶ and no word;
// - search that finds `gather` in `asyncio.gather(...)`: see `searchableParts`.
(function () {
    "use strict";

    // The smallest figure text, in CSS px as displayed, that the figures must keep.
    const READABLE_FIGURE_TEXT = 10;
    const HINTS = {
        table: "↔ The table is wider than the page: scroll it sideways",
        code: "↔ Long lines: scroll sideways",
        figure: "↔ Shown at a readable size: scroll sideways for the rest",
    };

    const content = document.querySelector("#mdbook-content");
    if (!content) return;

    // --- Scroll hints ---------------------------------------------------------------------

    // Each watched scroller: { element, kind, overflowing() }.
    const watched = [];
    let scheduled = false;

    function hintFor(scroller, kind) {
        let hint = scroller.previousElementSibling;
        if (!hint || !hint.classList.contains("scroll-hint")) {
            hint = document.createElement("div");
            // Above a listing, the hint is the top strip of the listing's own box (`hljs`
            // gives it the listing's background in every theme), under the tabs if any.
            hint.className = kind === "code" ? "scroll-hint hljs" : "scroll-hint";
            hint.setAttribute("aria-hidden", "true");
            hint.textContent = HINTS[kind];
            hint.hidden = true;
            scroller.parentNode.insertBefore(hint, scroller);
        }
        return hint;
    }

    function wider(element) {
        return element.scrollWidth > element.clientWidth + 1;
    }

    function update() {
        scheduled = false;
        for (const { element, kind, overflowing } of watched) {
            if (!element.isConnected) continue;
            if (kind === "table") {
                // Try the denser layout before asking the reader to scroll.
                const table = element.querySelector("table");
                table.classList.remove("dense");
                if (wider(element)) table.classList.add("dense");
            }
            const over = element.offsetWidth > 0 && overflowing(element);
            element.classList.toggle("scrolls-sideways", over);
            hintFor(element, kind).hidden = !over;
        }
    }

    function schedule() {
        if (scheduled) return;
        scheduled = true;
        // Outside the ResizeObserver's own callback: changing the layout there would loop.
        requestAnimationFrame(update);
    }

    const resized = typeof ResizeObserver === "function" ? new ResizeObserver(schedule) : null;

    function watch(element, kind, overflowing = wider) {
        watched.push({ element, kind, overflowing });
        hintFor(element, kind);
        if (resized) resized.observe(element);
    }

    for (const wrapper of content.querySelectorAll(".table-wrapper")) watch(wrapper, "table");
    for (const code of content.querySelectorAll("pre > code")) {
        if (code.classList.contains("editable") && window.ace) {
            // An editable listing is an Ace editor, which scrolls inside itself.
            const editor = window.ace.edit(code);
            watch(code, "code", () => editor.renderer.scrollBarH.isVisible);
            editor.renderer.on("afterRender", schedule);
        } else {
            watch(code, "code");
        }
    }
    window.addEventListener("resize", schedule);
    // Tabs (theme/tabs.js) and folded answers show blocks that were laid out hidden.
    content.addEventListener("click", schedule);
    content.addEventListener("toggle", schedule, true);

    // --- Figures at a readable size -------------------------------------------------------

    // The smallest text of an SVG figure and the width it is drawn at, read from its source.
    async function figureText(src) {
        const source = await (await fetch(src)).text();
        const svg = new DOMParser().parseFromString(source, "image/svg+xml").documentElement;
        const width = (svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) ||
            parseFloat(svg.getAttribute("width"));
        let smallest = Infinity;
        for (const text of svg.querySelectorAll("text")) {
            if (!text.textContent.trim()) continue;
            for (let node = text; node && node.getAttribute; node = node.parentNode) {
                const size = node.getAttribute("font-size") || (node.style && node.style.fontSize);
                if (size) {
                    smallest = Math.min(smallest, parseFloat(size));
                    break;
                }
            }
        }
        return { width, smallest };
    }

    for (const img of content.querySelectorAll("img")) {
        if (!/\.svg$/i.test(img.getAttribute("src") || "")) continue;
        const frame = document.createElement("span");
        frame.className = "figure-scroll";
        img.parentNode.insertBefore(frame, img);
        frame.appendChild(img);
        watch(frame, "figure");
        figureText(img.src)
            .then(({ width, smallest }) => {
                if (!(width > 0) || !isFinite(smallest)) return;
                const readable = Math.min(width, (width * READABLE_FIGURE_TEXT) / smallest);
                img.style.minWidth = `${Math.ceil(readable)}px`;
                schedule();
            })
            .catch(() => {
                // Not readable from here (a page opened from disk): a width that suits the
                // book's figures, drawn with 12 px text at about 880 px.
                img.style.minWidth = "740px";
                schedule();
            });
    }

    schedule();

    // --- The playground out of reach -------------------------------------------------------

    function sayHowToRun() {
        const how = `${typeof path_to_root === "string" ? path_to_root : ""}introduction.html#running-the-listings`;
        for (const pre of document.querySelectorAll("pre.playground")) {
            const code = pre.querySelector("code");
            if (!code || code.classList.contains("no_run") || pre.querySelector(".playground-unreachable")) {
                continue;
            }
            const mustFail = code.classList.contains("compile_fail") || code.classList.contains("should_panic");
            const note = document.createElement("p");
            note.className = "playground-unreachable";
            note.innerHTML = `No ▶ here: the Rust Playground cannot be reached. Copy the program (top right) and ${
                mustFail ? "build it with <code>cargo build</code> to see the error" : "run it with <code>cargo run</code>"
            }: <a href="${how}">how</a>.`;
            pre.appendChild(note);
        }
        schedule();
    }

    if (window.bookPlayground && window.bookPlayground.unreachable) sayHowToRun();
    window.addEventListener("playground-unreachable", sayHowToRun);

    // The crate list came, but running a listing failed: book.js then shows only
    // "Playground Communication: <error>". Say what it means and what to do instead.
    if (typeof MutationObserver === "function") {
        new MutationObserver(() => {
            for (const result of content.querySelectorAll("pre > .result")) {
                const text = result.textContent;
                if (text.startsWith("Playground Communication:") && !text.includes("cargo run")) {
                    result.textContent = `${text}\nThe Rust Playground could not run it: copy the program and run it with cargo run.`;
                }
            }
        }).observe(content, { childList: true, subtree: true, characterData: true });
    }

    // --- Search ---------------------------------------------------------------------------

    // mdBook's index splits text on spaces and hyphens only, so `asyncio.gather(*coros)` is
    // one word and a search for `gather`, `create_task` or `sleep(0)` misses it. When the
    // search loads its index, file every dotted or `::` name under its parts as well:
    // `asyncio.gather(*coros)` also as `gather(*coros)` and `gather`, `tokio::task::yield_now()`
    // also as `task::yield_now()`, `yield_now()`, `task` and `yield_now`.
    function searchableParts(token) {
        const parts = new Set();
        const separator = /\.|::/g;
        let match;
        while ((match = separator.exec(token))) {
            const rest = token.slice(match.index + match[0].length);
            if (!rest) continue;
            parts.add(rest);
            const word = /^\w+/.exec(rest);
            if (word) parts.add(word[0]);
        }
        parts.delete(token);
        return parts;
    }

    function allTokens(root) {
        const tokens = [];
        (function walk(node, prefix) {
            if (node.df > 0) tokens.push(prefix);
            for (const key in node) {
                if (key !== "docs" && key !== "df") walk(node[key], prefix + key);
            }
        })(root, "");
        return tokens;
    }

    // Adds `term` to document `ref` of one field of the index, on top of what it had.
    function addTerm(inverted, term, ref, tf) {
        const had = inverted.getTermFrequency(term, ref);
        inverted.addToken(term, { ref, tf: Math.sqrt(had * had + tf * tf) });
    }

    function fileDottedNamesUnderTheirParts(index) {
        for (const field of Object.keys(index.index)) {
            const inverted = index.index[field];
            for (const token of allTokens(inverted.root)) {
                const parts = searchableParts(token);
                if (parts.size === 0) continue;
                const docs = inverted.getDocs(token);
                for (const part of parts) {
                    // The same pipeline (trimmer, stop words, stemmer) as the index's.
                    for (const term of index.pipeline.run([part])) {
                        if (!term || term === token) continue;
                        for (const ref of Object.keys(docs)) addTerm(inverted, term, ref, docs[ref].tf);
                    }
                }
            }
        }
    }

    // Each chapter of Part I opens with its asyncio counterpart ("*asyncio counterpart:
    // `asyncio.gather(*coros)`.*"): that line is the chapter's subtitle, and the words a Python
    // programmer searches for. Count it like a heading of the chapter's first section.
    function countCounterpartLinesAsHeadings(index) {
        const docs = index.documentStore.docs;
        const title = index.index.title;
        if (!docs || !title) return;
        for (const ref of Object.keys(docs)) {
            const line = /^\s*asyncio counterparts?:\s*(.*?)(?:\.\s|\.?$)/m.exec(docs[ref].body || "");
            if (!line) continue;
            for (const word of line[1].split(/[\s-]+/)) {
                for (const part of [word, ...searchableParts(word)]) {
                    for (const term of index.pipeline.run([part.toLowerCase()])) {
                        if (term) addTerm(title, term, ref, 1);
                    }
                }
            }
        }
    }

    if (window.elasticlunr && elasticlunr.Index && elasticlunr.Index.load) {
        const load = elasticlunr.Index.load;
        elasticlunr.Index.load = function (serialised) {
            const index = load.call(this, serialised);
            try {
                fileDottedNamesUnderTheirParts(index);
                countCounterpartLinesAsHeadings(index);
            } catch (error) {
                // The index as mdBook made it still works.
                console.warn("search: could not extend the index", error);
            }
            return index;
        };
    }
})();
