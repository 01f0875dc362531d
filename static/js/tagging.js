/* The Tag page: select text, tag it; accept or reject suggestions.
 *
 * Every action is a POST (form-encoded, CSRF token from the page's hidden input) to
 * the article's tag/<action>/ endpoint, which answers JSON. After a success the page
 * reloads so the highlights are drawn by the server; the message is kept in
 * sessionStorage and announced in the live region, and focus returns to it.
 */
(function () {
  "use strict";

  const root = document.getElementById("tagging");
  if (!root) {
    return;
  }
  const body = document.getElementById("tag-body");
  const form = document.getElementById("tag-form");
  const status = document.getElementById("tag-status");
  const preview = document.getElementById("selection-preview");
  const submit = document.getElementById("tag-submit");
  const options = document.getElementById("entity-options");
  const csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const STORE_KEY = "tagging-status";

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("is-error", Boolean(isError));
  }

  function actionUrl(action) {
    return root.dataset.actionUrl.replace("ACTION", action);
  }

  async function post(action, fields) {
    const data = new URLSearchParams();
    Object.entries(fields).forEach(([key, value]) => {
      if (value !== undefined && value !== null) {
        data.append(key, value);
      }
    });
    say("Working…");
    let payload = null;
    try {
      const response = await fetch(actionUrl(action), {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
        body: data,
        credentials: "same-origin",
      });
      payload = await response.json().catch(() => null);
      if (!response.ok || !payload || !payload.ok) {
        const message = payload && payload.error ? payload.error : "The request failed (" + response.status + ").";
        say(message, true);
        status.focus();
        return false;
      }
    } catch (error) {
      say("The server could not be reached. Nothing was changed.", true);
      status.focus();
      return false;
    }
    sessionStorage.setItem(STORE_KEY, payload.message || "Done.");
    window.location.reload();
    return true;
  }

  // --- Offsets of the selection in the body (the page's text equals the body) ----

  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function setSelection(start, end) {
    const text = body.textContent.slice(start, end);
    document.getElementById("tag-start").value = start;
    document.getElementById("tag-end").value = end;
    document.getElementById("tag-text").value = text;
    preview.textContent = "Selected: “" + text + "” (" + start + "–" + end + ")";
    submit.disabled = false;
    const name = document.getElementById("new-entity-name");
    if (name && !name.value) {
      name.placeholder = text.trim();
    }
  }

  function readSelection() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      return;
    }
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (end > start && body.textContent.slice(start, end).trim()) {
      setSelection(start, end);
      say("Selection ready to tag.");
    }
  }

  body.addEventListener("mouseup", readSelection);
  body.addEventListener("keyup", readSelection);
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (selection && selection.rangeCount && body.contains(selection.anchorNode)) {
      readSelection();
    }
  });

  // Keyboard route: type the text (and which occurrence) instead of selecting it.
  document.getElementById("find-button").addEventListener("click", () => {
    const wanted = document.getElementById("find-text").value;
    const occurrence = parseInt(document.getElementById("find-occurrence").value, 10) || 1;
    const text = body.textContent;
    let position = -1;
    for (let i = 0; i < occurrence; i += 1) {
      position = wanted ? text.indexOf(wanted, position + 1) : -1;
      if (position === -1) {
        break;
      }
    }
    if (position === -1) {
      say("That text is not in the article" + (occurrence > 1 ? " that many times." : "."), true);
      return;
    }
    setSelection(position, position + wanted.length);
    say("Selection ready to tag.");
    submit.focus();
  });

  // --- The form: show the fields of the chosen kind -------------------------------

  function kind() {
    return form.querySelector("input[name=kind]:checked").value;
  }

  function showKindFields() {
    form.querySelectorAll("[data-for-kind]").forEach((row) => {
      row.hidden = !row.dataset.forKind.split(" ").includes(kind());
    });
  }

  form.querySelectorAll("input[name=kind]").forEach((radio) => {
    radio.addEventListener("change", showKindFields);
  });
  showKindFields();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (id) => {
      const field = document.getElementById(id);
      return field ? field.value : "";
    };
    const fields = {
      kind: kind(),
      start: value("tag-start"),
      end: value("tag-end"),
      text: value("tag-text"),
    };
    if (fields.kind === "entity") {
      const details = document.getElementById("new-entity");
      const newName = value("new-entity-name").trim();
      if (details && details.open && newName) {
        fields.new_entity_name = newName;
        fields.new_entity_kind = value("new-entity-kind");
        fields.new_entity_alias = value("new-entity-alias");
      } else {
        fields.entity = value("tag-entity");
      }
    } else {
      fields.speaker = value("tag-speaker");
    }
    post("selection", fields);
  });

  // --- Entity autocomplete (a datalist filled as the editor types) ----------------

  let lookup = null;
  function fillOptions(term) {
    clearTimeout(lookup);
    lookup = setTimeout(async () => {
      const url = root.dataset.entitiesUrl + "?q=" + encodeURIComponent(term);
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) {
          return;
        }
        const payload = await response.json();
        options.replaceChildren(
          ...payload.results.map((entity) => {
            const option = document.createElement("option");
            option.value = entity.label;
            return option;
          })
        );
      } catch (error) {
        /* the list stays as it was; typing an exact name still works */
      }
    }, 150);
  }
  ["tag-entity", "tag-speaker"].forEach((id) => {
    const input = document.getElementById(id);
    input.addEventListener("input", () => fillOptions(input.value));
    input.addEventListener("focus", () => fillOptions(input.value));
  });

  // --- Buttons in the side panel ---------------------------------------------------

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) {
      return;
    }
    const data = button.dataset;
    const fields = {};
    ["type", "id", "version", "entity", "claim", "original", "kind", "start", "end", "text"].forEach((key) => {
      if (data[key] !== undefined) {
        fields[key] = data[key];
      }
    });
    if (data.newEntityName !== undefined) {
      fields.new_entity_name = data.newEntityName;
      fields.new_entity_kind = data.newEntityKind;
      fields.new_entity_alias = data.newEntityAlias;
    }
    button.disabled = true;
    post(data.action, fields).then((done) => {
      if (!done) {
        button.disabled = false;
      }
    });
  });

  // Show where a suggestion is in the text when its row is hovered or focused.
  function mark(ref, on) {
    body.querySelectorAll(".tg-seg").forEach((segment) => {
      if ((segment.dataset.refs || "").split(" ").includes(ref)) {
        segment.classList.toggle("tg-focus", on);
      }
    });
  }
  document.querySelectorAll("[data-ref]").forEach((row) => {
    const ref = row.dataset.ref;
    ["mouseenter", "focusin"].forEach((name) => row.addEventListener(name, () => mark(ref, true)));
    ["mouseleave", "focusout"].forEach((name) => row.addEventListener(name, () => mark(ref, false)));
  });

  // --- After a reload: announce what was done and put focus on the message --------

  const stored = sessionStorage.getItem(STORE_KEY);
  if (stored) {
    sessionStorage.removeItem(STORE_KEY);
    say(stored);
    status.focus();
  }
})();
