/* Accessible names the admin's widgets lack, for screen-reader users.
 *
 * Select2 (the admin's autocomplete) draws its own combobox and search box over the
 * hidden <select>; they get the select's name (its aria-label, given by the inline
 * mixin, or its <label>). The changelist's search box, whose label is only an icon,
 * gets a spoken name too. Select2 redraws as rows are added and values chosen, so a
 * MutationObserver names whatever appears.
 */
(function () {
  "use strict";

  function nameOf(select) {
    if (select.getAttribute("aria-label")) {
      return select.getAttribute("aria-label");
    }
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameSelect2(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var widget = select.nextElementSibling;
      var name = nameOf(select);
      if (!widget || !widget.classList.contains("select2") || !name) {
        return;
      }
      widget.querySelectorAll(
        ".select2-selection, .select2-selection__rendered, .select2-search__field"
      ).forEach(
        function (node) {
          if (node.getAttribute("aria-label") !== name) {
            node.setAttribute("aria-label", name);
          }
          if (node.getAttribute("role") === "combobox") {
            // its label would be the current value only, empty in a new row
            node.removeAttribute("aria-labelledby");
          }
        }
      );
    });
  }

  function nameSearchBar() {
    var bar = document.getElementById("searchbar");
    if (bar && !bar.getAttribute("aria-label")) {
      var button = bar.form && bar.form.querySelector("input[type=submit]");
      bar.setAttribute("aria-label", button ? button.value : "Search");
    }
  }

  var pending = false;
  function refresh() {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      nameSelect2(document);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameSearchBar();
    refresh();
    new MutationObserver(refresh).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
  window.addEventListener("load", refresh);
})();
