/* Review queue keyboard shortcuts and entity autocomplete. The pages work without it:
 * every shortcut has a link or a button, and the datalist starts with the article's
 * entities. Shortcuts never fire while the reviewer types in a field. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    const tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
      target.isContentEditable;
  }

  function queueLinks() {
    return Array.from(document.querySelectorAll("a.review-row-link"));
  }

  function moveInQueue(step) {
    const links = queueLinks();
    if (!links.length) return false;
    const index = links.indexOf(document.activeElement);
    let next = index === -1 ? (step > 0 ? 0 : links.length - 1) : index + step;
    next = Math.max(0, Math.min(links.length - 1, next));
    links[next].focus();
    return true;
  }

  function follow(key) {
    const link = document.querySelector('a[data-shortcut="' + key + '"]');
    if (link) window.location.assign(link.href);
    return Boolean(link);
  }

  function focusField(id) {
    const field = document.getElementById(id);
    if (!field) return false;
    field.focus();
    field.scrollIntoView({ block: "center" });
    return true;
  }

  const actions = {
    j: function () { return moveInQueue(1) || follow("j"); },
    k: function () { return moveInQueue(-1) || follow("k"); },
    c: function () {
      const form = document.getElementById("confirm-form");
      if (form) form.requestSubmit();
      return Boolean(form);
    },
    d: function () { return focusField("id_dispute-note"); },
    e: function () { return focusField("id_correct-entity"); },
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey && event.key === "Enter" && event.target.form &&
        event.target.form.hasAttribute("data-submit-shortcut")) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    const action = actions[event.key];
    if (action && action()) event.preventDefault();
  });

  // Autocomplete: refill a datalist from its JSON endpoint as the reviewer types
  // (the correct form's entity, the queue's article and speaker filters).
  document.querySelectorAll("input[list]").forEach(function (input) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list || !list.dataset.autocompleteUrl) return;
    let timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      const term = input.value.trim();
      if (term.length < 2 || /\[#\d+\]$/.test(term)) return;
      timer = window.setTimeout(function () {
        const url = list.dataset.autocompleteUrl + "?q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (item) {
              const option = document.createElement("option");
              option.value = item.label;
              return option;
            }));
          })
          .catch(function () { /* keep the current suggestions */ });
      }, 200);
    });
  });
})();
