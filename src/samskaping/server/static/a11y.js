// Universell utforming for the kit's pages: what ipywidgets cannot say from Python.
//
// 1. A message that changes (a confirmation, an error, a stage change, new ideas on the wall) is
//    read out by a screen reader only from a live region that was on the page before the text
//    came. The pages mark such widgets with the class "sk-live"; their content becomes a polite
//    live region as soon as it appears.
// 2. The page says which language it is in (WCAG 3.1.1): a page in English carries a marker
//    (data-sk-lang="en"); the last marker on the page sets <html lang>.
// 3. The address bar follows the workshop a staff page shows (data-sk-workshop="<id>"), so a
//    reload or a bookmark opens that workshop, not the one the link first named.
// 4. When a phone's stage changes (data-sk-stage: voting, concepts, evaluation), the page
//    scrolls to the top, where the new part begins, instead of leaving it below the fold.
// 5. The waiting page's round counter (vent=, see server/app.py) is taken out of the address, so a
//    bookmark or a reload starts afresh.
// 6. A language chosen on the page's switch (data-sk-chosen-lang) goes into the address as lang=, so
//    a reload stays in that language.
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
  function follow(root) {
    var marks = root.querySelectorAll("[data-sk-workshop]");
    if (marks.length) {
      var id = marks[marks.length - 1].getAttribute("data-sk-workshop");
      var url = new URL(window.location.href);
      if (/^[A-Za-z0-9_-]{1,64}$/.test(id) && url.searchParams.get("verksted") !== id) {
        url.searchParams.set("verksted", id);
        window.history.replaceState(window.history.state, "", url.toString());
      }
    }
  }
  function keepLanguage(root) {
    var marks = root.querySelectorAll("[data-sk-chosen-lang]");
    if (!marks.length) { return; }
    var lang = marks[marks.length - 1].getAttribute("data-sk-chosen-lang");
    var url = new URL(window.location.href);
    if (/^[a-z]{2,3}$/.test(lang) && url.searchParams.get("lang") !== lang) {
      url.searchParams.set("lang", lang);
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }
  function forgetWaiting() {
    var url = new URL(window.location.href);
    if (url.searchParams.has("vent")) {
      url.searchParams.delete("vent");
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }
  var lastStage = null;
  function stage(root) {
    var marks = root.querySelectorAll("[data-sk-stage]");
    if (!marks.length) { return; }
    var now = marks[marks.length - 1].getAttribute("data-sk-stage");
    if (lastStage !== null && now !== lastStage) {
      var cells = document.getElementById("rendered_cells");  // Voilà's scrolling box, where it has one
      if (cells) { cells.scrollTop = 0; }
      window.scrollTo(0, 0);
    }
    lastStage = now;
  }
  new MutationObserver(function () { mark(document); follow(document); stage(document); keepLanguage(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
  forgetWaiting();
  mark(document);
  follow(document);
  stage(document);
})();
