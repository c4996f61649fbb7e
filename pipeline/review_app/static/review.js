// The document page: navigation, keyboard shortcuts and saving corrections
// through the JSON API.  The server renders everything; after a save the page
// reloads, so what the reviewer sees is always what the server applied.
"use strict";

(() => {
  const root = document.querySelector(".review");
  if (!root) return;

  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const docText = document.getElementById("doc-text");
  const items = Array.from(document.querySelectorAll(".item"));
  const message = document.getElementById("message");
  const addForm = document.getElementById("add-form");
  let current = -1;
  let selection = null; // {start, end, text}: the reviewer's last selection in the text

  // --- moving between items and their evidence ---------------------------------

  function marksOf(id) {
    return Array.from(docText.querySelectorAll("mark[data-items]"))
      .filter((m) => m.dataset.items.split(" ").includes(id));
  }

  function select(index, { showEvidence = true } = {}) {
    if (index < 0 || index >= items.length) return;
    items.forEach((it) => it.classList.remove("current"));
    docText.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    current = index;
    const item = items[index];
    item.classList.add("current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    const marks = marksOf(item.dataset.id);
    marks.forEach((m) => m.classList.add("current"));
    if (showEvidence && marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  items.forEach((item, i) => {
    item.querySelector(".goto").addEventListener("click", () => select(i));
  });

  // Clicking highlighted words goes back to their item in the panel.
  docText.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-items]");
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.items.split(" ");
    const index = items.findIndex((it) => ids.includes(it.dataset.id));
    if (index >= 0) select(index, { showEvidence: false });
  });

  // --- saving ----------------------------------------------------------------------

  function show(text, { reload = false } = {}) {
    message.textContent = text;
    if (reload) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Reload";
      button.addEventListener("click", () => window.location.reload());
      message.append(" ", button);
    }
    message.hidden = false;
    message.scrollIntoView({ block: "nearest" });
  }

  async function save(corrections, focusAfter) {
    const response = await fetch(`/api/documents/${encodeURIComponent(root.dataset.doc)}/corrections`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ base_version: root.dataset.version, corrections }),
    });
    if (response.ok) {
      const url = new URL(window.location.href);
      url.hash = focusAfter ? `item-${focusAfter}` : "";
      window.history.replaceState(null, "", url);
      window.location.reload();
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (response.status === 409) {
      const n = (body.current && body.current.corrections.length) || 0;
      show(`${body.detail} The document now has ${n} corrections.`, { reload: true });
    } else if (response.status === 401) {
      show("Your login has expired: log in again in another tab, then retry.");
    } else {
      const detail = Array.isArray(body.detail)
        ? body.detail.map((d) => d.msg).join("; ")
        : body.detail || response.statusText;
      show(`Not saved: ${detail}`);
    }
  }

  function target(item) {
    return { field: item.dataset.field, target: item.dataset.id };
  }

  function nextId(index) {
    const next = items[index + 1] || items[index];
    return next ? next.dataset.id : "";
  }

  function act(op, index = current) {
    const item = items[index];
    if (!item) return;
    if (op === "edit") return openEdit(item);
    const button = item.querySelector(`[data-op="${op}"]`);
    if (!button) return; // e.g. reject on an already rejected item
    save([{ op, ...target(item) }], nextId(index));
  }

  items.forEach((item, i) => {
    item.querySelectorAll("[data-op]").forEach((button) => {
      button.addEventListener("click", () => {
        current = i;
        act(button.dataset.op, i);
      });
    });
  });

  document.getElementById("accept-all").addEventListener("click", () => {
    const open = items.filter((it) => !/\bstate-/.test(it.className));
    if (open.length) save(open.map((it) => ({ op: "accept", ...target(it) })), "");
    else show("Every value already has a decision.");
  });

  // --- forms -------------------------------------------------------------------------

  function changedValues(form, { all = false } = {}) {
    const values = {};
    form.querySelectorAll("input[data-original], select[data-original], textarea[data-original]")
      .forEach((input) => {
        if (input.disabled || input.closest("fieldset:disabled")) return;
        if (all ? input.value !== "" : input.value !== input.dataset.original) values[input.name] = input.value;
      });
    return values;
  }

  function openEdit(item) {
    const form = item.querySelector(".edit-form");
    if (!form) return;
    form.hidden = false;
    const first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  items.forEach((item) => {
    const form = item.querySelector(".edit-form");
    if (!form) return;
    let evidence = null;
    form.querySelector("[data-use-selection]").addEventListener("click", () => {
      if (!selection) return show("Select the words in the text first.");
      evidence = selection;
      form.querySelector(".evidence-text").textContent = selection.text;
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const values = changedValues(form);
      if (!Object.keys(values).length && !evidence) return show("Nothing was changed.");
      const correction = { op: "edit", ...target(item), values, reason: form.elements.reason.value || null };
      if (evidence) correction.evidence = evidence;
      save([correction], item.dataset.id);
    });
  });

  document.querySelectorAll("[data-cancel]").forEach((button) => {
    button.addEventListener("click", () => { button.closest("form").hidden = true; });
  });

  // --- adding a value by selecting its words -------------------------------------------

  // Offsets count code points, as Python does, not the UTF-16 units of the DOM.
  function offsetIn(node, offset) {
    const range = document.createRange();
    range.selectNodeContents(docText);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!docText.contains(range.startContainer) || !docText.contains(range.endContainer)) return null;
    const start = offsetIn(range.startContainer, range.startOffset);
    const end = offsetIn(range.endContainer, range.endOffset);
    const text = Array.from(docText.textContent).slice(start, end).join("");
    return text.trim() ? { start, end, text } : null;
  }

  function showAddForm() {
    const found = readSelection();
    if (!found) return;
    selection = found;
    document.getElementById("add-selected").textContent = found.text;
    addForm.querySelectorAll('fieldset [name="text"], fieldset [name="name"]').forEach((input) => {
      input.value = found.text;
    });
    addForm.hidden = false;
  }

  docText.addEventListener("mouseup", showAddForm);
  docText.addEventListener("keyup", (event) => { if (event.shiftKey) showAddForm(); });

  const addField = document.getElementById("add-field");
  addField.addEventListener("change", () => {
    addForm.querySelectorAll(".add-fields").forEach((fs) => {
      const on = fs.dataset.field === addField.value;
      fs.hidden = !on;
      fs.disabled = !on;
    });
  });

  addForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!selection) return show("Select the words in the text first.");
    save([{
      op: "add",
      field: addField.value,
      values: changedValues(addForm, { all: true }),
      evidence: selection,
      reason: addForm.elements.reason.value || null,
    }], "");
  });

  // --- keyboard shortcuts, as in annotation tools ---------------------------------------

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea")) {
      if (event.key === "Escape") event.target.closest("form").hidden = true;
      return;
    }
    const keys = {
      n: () => select(current + 1), j: () => select(current + 1),
      p: () => select(current - 1), k: () => select(current - 1),
      a: () => act("accept"), r: () => act("reject"), e: () => act("edit"),
      Escape: () => document.querySelectorAll(".edit-form, #add-form").forEach((f) => { f.hidden = true; }),
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  // After a save the page comes back on the item to look at next.
  const start = items.findIndex((it) => `#item-${it.dataset.id}` === window.location.hash);
  if (start >= 0) select(start);
})();
