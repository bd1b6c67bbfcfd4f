/* Every page: wide tables that scroll sideways can be scrolled from the keyboard, and the
   collapsed data tables open for printing (and close again afterwards). */
(function () {
  "use strict";
  var SCROLLERS = ".table-wrap, .scroll-box, .method-doc table";

  // A region that scrolls must take keyboard focus, or keyboard users cannot reach what is cut off.
  function keyboardScrollable() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
      var overflow = getComputedStyle(el);
      var scrollable = /(auto|scroll)/.test(overflow.overflowX + overflow.overflowY);
      if (scrolls && scrollable && !el.hasAttribute("tabindex")) {
        var table = el.matches("table") ? el : el.querySelector("table");
        var caption = table && table.caption ? table.caption.textContent : "";
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", (caption || el.dataset.label || document.title).trim());
      }
    });
  }
  // A table wider than the page that the template did not wrap scrolls inside its own box, not the
  // whole page (a phone is 390 px wide). Tables that fit are left where they are.
  function wrapWideTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".table-wrap, .scroll-box, .method-doc")) { return; }
      var box = getComputedStyle(table.parentNode);
      var room = table.parentNode.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
      if (table.offsetWidth <= room) { return; }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });
  }
  function fit() {
    wrapWideTables();
    keyboardScrollable();
  }
  fit();
  window.addEventListener("resize", fit);

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (el) {
      el.open = true;
      opened.push(el);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();
