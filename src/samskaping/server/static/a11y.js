// Universell utforming for the kit's pages: what ipywidgets cannot say from Python.
//
// 1. A message that changes (a confirmation, an error, a stage change, new ideas on the wall) is
//    read out by a screen reader only from a live region that was on the page before the text
//    came. The pages mark such widgets with the class "sk-live"; their content becomes a polite
//    live region as soon as it appears.
// 2. The page says which language it is in (WCAG 3.1.1): a page in English carries a marker
//    (data-sk-lang="en"); the last marker on the page sets <html lang>.
// Nothing else is changed, and no data leaves the page.
(function () {
  "use strict";
  function mark(root) {
    var found = root.querySelectorAll(".sk-live > .widget-html-content:not([aria-live])");
    for (var i = 0; i < found.length; i++) {
      found[i].setAttribute("aria-live", "polite");
      found[i].setAttribute("aria-atomic", "true");
    }
    var langs = root.querySelectorAll("[data-sk-lang]");
    if (langs.length) {
      var lang = langs[langs.length - 1].getAttribute("data-sk-lang");
      if (/^[a-z]{2,3}$/.test(lang) && document.documentElement.lang !== lang) {
        document.documentElement.lang = lang;
      }
    }
  }
  new MutationObserver(function () { mark(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  mark(document);
})();
