// Live updates: each element with data-live subscribes to the console's Server-Sent Events and writes the fields
// of the cluster it shows. Values are set as text, never as markup.
(function () {
  "use strict";
  function apply(root, update) {
    var selector = '[data-cluster="' + CSS.escape(update.key) + '"]';
    var targets = root.matches && root.matches(selector) ? [root] : root.querySelectorAll(selector);
    targets.forEach(function (target) {
      ["phase", "ready", "workers", "expires"].forEach(function (field) {
        var cell = target.querySelector('[data-field="' + field + '"]');
        if (cell && cell.textContent !== update[field]) { cell.textContent = update[field]; target.classList.add("changed"); }
      });
      if (update.deleted) { target.setAttribute("data-deleted", "true"); }
    });
  }
  function subscribe(root) {
    var source = null;
    function open() {
      source = new EventSource(root.getAttribute("data-live"));
      source.addEventListener("cluster", function (event) {
        try { apply(root, JSON.parse(event.data)); } catch (e) { /* a malformed event changes nothing */ }
      });
      document.documentElement.setAttribute("data-live-connected", "true");
    }
    open();
    // A browser opens at most six connections to one host, and a page left for another (or kept in the back-forward
    // cache) would hold its stream open: close the stream when the page goes, open it again if the page comes back.
    window.addEventListener("pagehide", function () {
      if (source) { source.close(); source = null; }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && !source) { open(); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live]").forEach(subscribe);
  });
})();
