// Tabs for a tokio listing and its asyncio counterpart: a `<div class="tabs">` holding two code
// blocks, the tokio one first (a listing, or what it prints), becomes a tab bar ("tokio" /
// "asyncio") over one visible block. Without JavaScript, and in print, both blocks show one
// after the other.
(function () {
    "use strict";

    // By position: the book puts the tokio block first and the asyncio block second.
    const SIDES = [
        { key: "tokio", label: "tokio (Rust)" },
        { key: "asyncio", label: "asyncio (Python)" },
    ];
    const STORAGE_KEY = "tokio-concurrently-tab";

    function select(group, language) {
        for (const [button, panel] of group) {
            const chosen = button.dataset.language === language;
            button.setAttribute("aria-selected", String(chosen));
            button.tabIndex = chosen ? 0 : -1;
            panel.hidden = !chosen;
            if (chosen) {
                // An Ace editor laid out while hidden has no size: let it measure again.
                for (const editor of panel.querySelectorAll(".ace_editor")) {
                    if (editor.env && editor.env.editor) editor.env.editor.resize(true);
                }
            }
        }
    }

    function build(container, index, groups) {
        const panels = Array.from(container.children).filter((el) => el.tagName === "PRE");
        if (panels.length !== SIDES.length) return;
        const bar = document.createElement("div");
        bar.className = "tab-bar";
        bar.setAttribute("role", "tablist");
        const group = [];
        panels.forEach((panel, i) => {
            const language = SIDES[i].key;
            const button = document.createElement("button");
            button.type = "button";
            button.className = "tab";
            button.dataset.language = language;
            button.textContent = SIDES[i].label;
            button.id = `tabs-${index}-${i}`;
            button.setAttribute("role", "tab");
            panel.setAttribute("role", "tabpanel");
            panel.setAttribute("aria-labelledby", button.id);
            button.addEventListener("click", () => {
                // Every pair on the page follows the reader's choice, and the next page too.
                for (const other of groups) select(other, language);
                try {
                    localStorage.setItem(STORAGE_KEY, language);
                } catch (_) {
                    // Storage may be off (private mode): the choice lasts for this page.
                }
            });
            bar.appendChild(button);
            group.push([button, panel]);
        });
        container.insertBefore(bar, container.firstChild);
        container.classList.add("tabs-ready");
        groups.push(group);
    }

    const groups = [];
    document.querySelectorAll("div.tabs").forEach((container, index) => build(container, index, groups));
    let saved = null;
    try {
        saved = localStorage.getItem(STORAGE_KEY);
    } catch (_) {
        // No storage: start on the first tab.
    }
    for (const group of groups) {
        const languages = group.map(([button]) => button.dataset.language);
        select(group, languages.includes(saved) ? saved : languages[0]);
    }
})();
