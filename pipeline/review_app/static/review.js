// The document page: navigation, keyboard shortcuts, saving corrections
// through the JSON API, and undo.
//
// After a save the page does not reload: it fetches its own HTML again and
// swaps the parts that changed (the text's highlights, the panel, the
// header), keeping scroll positions and the current value.  The server still
// renders everything, so what the reviewer sees is what the server applied,
// and no markup is built from data here (the CSP forbids inline code anyway).
"use strict";

(() => {
  const root = document.querySelector(".review");
  if (!root) return;

  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const docId = root.dataset.doc;
  const docText = document.getElementById("doc-text");
  const panel = document.getElementById("panel");
  const message = document.getElementById("message");
  const addForm = document.getElementById("add-form");
  const undoButton = document.getElementById("undo");
  const nextValue = document.getElementById("next-value");
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  let current = -1;
  let selection = null; // {start, end, text}: the reviewer's last selection in the text
  const undoStack = []; // [{ids, label}], newest last: what this page saved

  const items = () => Array.from(panel.querySelectorAll(".item"));
  const visible = (text) => text.replace(BIDI, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟧`);

  // --- moving between items and their evidence ---------------------------------

  function marksOf(id) {
    return Array.from(docText.querySelectorAll("mark[data-items]"))
      .filter((m) => m.dataset.items.split(" ").includes(id));
  }

  function select(index, { showEvidence = true } = {}) {
    const all = items();
    if (index < 0 || index >= all.length) return;
    all.forEach((it) => it.classList.remove("current"));
    docText.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    current = index;
    const item = all[index];
    item.classList.add("current");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "nearest" });
    const marks = marksOf(item.dataset.id);
    marks.forEach((m) => m.classList.add("current"));
    if (showEvidence && marks.length) marks[0].scrollIntoView({ block: "center" });
  }

  // "Next doubtful value" continues after the value the queue opened or the
  // reviewer last decided on (not merely the one the cursor is on: deciding
  // moves the cursor along, and that value must not be skipped).
  function queuePosition(id) {
    if (nextValue && id) nextValue.href = `/queue/next-value?after=${encodeURIComponent(`${docId}/${id}`)}`;
  }

  function selectId(id, options) {
    const index = items().findIndex((it) => it.dataset.id === id);
    if (index >= 0) select(index, options);
    return index >= 0;
  }

  // Clicking highlighted words goes back to their item in the panel.
  docText.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-items]");
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.items.split(" ");
    const index = items().findIndex((it) => ids.includes(it.dataset.id));
    if (index >= 0) select(index, { showEvidence: false });
  });

  // --- messages -------------------------------------------------------------------

  function show(text, { refreshButton = false } = {}) {
    message.textContent = text;
    if (refreshButton) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Reload";
      button.addEventListener("click", () => refresh().then(() => { message.hidden = true; }));
      message.append(" ", button);
    }
    message.hidden = false;
    message.scrollIntoView({ block: "nearest" });
  }

  // --- updating in place ----------------------------------------------------------------

  // Fetch this page again and swap what a save can change.
  async function refresh(focusId) {
    const keep = current >= 0 && items()[current] ? items()[current].dataset.id : null;
    const response = await fetch(window.location.pathname, { credentials: "same-origin" });
    if (!response.ok) {
      show("The page could not be refreshed; reload it.");
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const textTop = docText.scrollTop;
    const panelTop = panel.scrollTop;
    docText.replaceChildren(...fresh.getElementById("doc-text").childNodes);
    panel.replaceChildren(...fresh.getElementById("panel").childNodes);
    for (const id of ["doc-head-live", "progress"]) {
      const mine = document.getElementById(id);
      const theirs = fresh.getElementById(id);
      if (mine && theirs) mine.replaceChildren(...theirs.childNodes);
    }
    root.dataset.version = fresh.querySelector(".review").dataset.version;
    document.title = fresh.title;
    docText.scrollTop = textTop;
    panel.scrollTop = panelTop;
    current = -1;
    if (focusId && selectId(focusId, { showEvidence: false })) return;
    if (keep) selectId(keep, { showEvidence: false });
  }

  // --- saving ----------------------------------------------------------------------

  async function save(corrections, { focusAfter = null, label = "", isUndo = false } = {}) {
    const response = await fetch(`/api/documents/${encodeURIComponent(docId)}/corrections`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ base_version: root.dataset.version, corrections }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      if (isUndo) undoStack.pop();
      else if (body.saved && body.saved.length) undoStack.push({ ids: body.saved, label });
      updateUndo();
      message.hidden = true;
      await refresh(focusAfter);
      return true;
    }
    if (response.status === 409) {
      const n = (body.current && body.current.corrections.length) || 0;
      show(`${body.detail} The document now has ${n} corrections.`, { refreshButton: true });
    } else if (response.status === 401) {
      show("Your login has expired: log in again in another tab, then retry.");
    } else {
      const detail = Array.isArray(body.detail)
        ? body.detail.map((d) => d.msg).join("; ")
        : body.detail || response.statusText;
      show(`Not saved: ${detail}`);
    }
    return false;
  }

  function updateUndo() {
    const last = undoStack[undoStack.length - 1];
    undoButton.disabled = !last;
    undoButton.textContent = last ? `Undo ${last.label}` : "Undo";
  }

  function undo() {
    const last = undoStack[undoStack.length - 1];
    if (!last) return show("Nothing to undo on this page.");
    save(last.ids.map((id) => ({ op: "undo", target: id })), { isUndo: true });
  }

  undoButton.addEventListener("click", undo);

  function target(item) {
    return { field: item.dataset.field, target: item.dataset.id };
  }

  function describe(op, item) {
    const text = item.querySelector(".goto").textContent.trim().replace(/\s+/g, " ");
    return `${op} “${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
  }

  function nextId(index) {
    const all = items();
    const next = all[index + 1] || all[index];
    return next ? next.dataset.id : null;
  }

  function act(op, index = current) {
    const item = items()[index];
    if (!item) return;
    if (op === "edit") return openEdit(item);
    const button = item.querySelector(`[data-op="${op}"]`);
    if (!button) return; // e.g. reject on an already rejected item
    queuePosition(item.dataset.id);
    save([{ op, ...target(item) }], { focusAfter: nextId(index), label: describe(op, item) });
  }

  panel.addEventListener("click", (event) => {
    const item = event.target.closest(".item");
    if (event.target.closest("#accept-all")) return acceptAll();
    if (!item) return;
    const index = items().indexOf(item);
    if (event.target.closest(".goto")) return select(index);
    const opButton = event.target.closest("[data-op]");
    if (opButton) {
      current = index;
      return act(opButton.dataset.op, index);
    }
    if (event.target.closest("[data-use-selection]")) return useSelection(item);
    if (event.target.closest("[data-cancel]")) event.target.closest("form").hidden = true;
  });

  function acceptAll() {
    const open = items().filter((it) => !/\bstate-/.test(it.className));
    if (open.length) save(open.map((it) => ({ op: "accept", ...target(it) })), { label: `accept all (${open.length})` });
    else show("Every value already has a decision.");
  }

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

  const editEvidence = new WeakMap(); // edit form -> the selection chosen as its evidence

  function useSelection(item) {
    const form = item.querySelector(".edit-form");
    if (!selection) return show("Select the words in the text first.");
    editEvidence.set(form, selection);
    form.querySelector(".evidence-text").textContent = visible(selection.text);
  }

  panel.addEventListener("submit", (event) => {
    const form = event.target.closest(".edit-form");
    if (!form) return;
    event.preventDefault();
    const item = form.closest(".item");
    const evidence = editEvidence.get(form);
    const values = changedValues(form);
    if (!Object.keys(values).length && !evidence) return show("Nothing was changed.");
    const correction = { op: "edit", ...target(item), values, reason: form.elements.reason.value || null };
    if (evidence) correction.evidence = evidence;
    queuePosition(item.dataset.id);
    save([correction], { focusAfter: item.dataset.id, label: describe("edit", item) });
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
    return text.trim() ? { start, end, text, rect: range.getBoundingClientRect() } : null;
  }

  // Beside the selection, below it when there is room, else above; always
  // inside the viewport (the form is position: fixed).
  function placeAddForm(rect) {
    const gap = 8;
    const width = addForm.offsetWidth;
    const height = addForm.offsetHeight;
    const left = Math.min(Math.max(gap, rect.left), window.innerWidth - width - gap);
    let top = rect.bottom + gap;
    if (top + height > window.innerHeight - gap) top = Math.max(gap, rect.top - height - gap);
    addForm.style.left = `${Math.max(gap, left)}px`;
    addForm.style.top = `${top}px`;
  }

  function showAddForm() {
    const found = readSelection();
    if (!found) return;
    selection = { start: found.start, end: found.end, text: found.text };
    document.getElementById("add-selected").textContent = visible(found.text);
    addForm.querySelectorAll('fieldset [name="text"], fieldset [name="name"]').forEach((input) => {
      input.value = found.text;
    });
    addForm.hidden = false;
    placeAddForm(found.rect);
  }

  docText.addEventListener("mouseup", showAddForm);
  docText.addEventListener("keyup", (event) => { if (event.shiftKey) showAddForm(); });
  // The form belongs to the words it was opened for: scrolling them away closes it.
  docText.addEventListener("scroll", () => {
    if (!addForm.hidden && !addForm.contains(document.activeElement)) addForm.hidden = true;
  });

  const addField = document.getElementById("add-field");
  addField.addEventListener("change", () => {
    addForm.querySelectorAll(".add-fields").forEach((fs) => {
      const on = fs.dataset.field === addField.value;
      fs.hidden = !on;
      fs.disabled = !on;
    });
  });

  addForm.querySelector("[data-cancel]").addEventListener("click", () => { addForm.hidden = true; });

  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!selection) return show("Select the words in the text first.");
    const ok = await save([{
      op: "add",
      field: addField.value,
      values: changedValues(addForm, { all: true }),
      evidence: selection,
      reason: addForm.elements.reason.value || null,
    }], { label: `add “${selection.text.slice(0, 40)}”` });
    if (ok) addForm.hidden = true;
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
      a: () => act("accept"), r: () => act("reject"), e: () => act("edit"), u: undo,
      Escape: () => document.querySelectorAll(".edit-form, #add-form").forEach((f) => { f.hidden = true; }),
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  });

  // Opened from the queue (or a link) on one value: show it.
  const wanted = decodeURIComponent(window.location.hash.replace(/^#item-/, ""));
  if (wanted && selectId(wanted)) queuePosition(wanted);
})();
