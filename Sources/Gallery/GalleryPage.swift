import Foundation

/// The page around the fragments: one self-contained HTML file (styles and script inline, no external URL),
/// with a filter by status and date that runs in the browser from `file://` as well as from a server. The
/// filter's starting values may come from the query string (`index.html?status=failed&from=2026-12-01`).
///
/// ```swift
/// var page = GalleryPage.opening(summary: "12 jobs · 40 images")
/// page += fragments.joined(separator: "\n")
/// page += GalleryPage.closing
/// ```
enum GalleryPage {
    /// The statuses the filter offers: image states, then job statuses of jobs without images.
    static let statuses = ["done", "failed", "blocked", "pending", "cancelled", "expired"]

    static func opening(summary: String) -> String {
        let options = (["all"] + statuses).map { "<option value=\"\($0)\">\($0)</option>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="pfc-jobs gallery">
            <title>pfc-jobs gallery</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <header class="top"><h1>pfc-jobs gallery</h1><p class="summary">\(summary)</p>
            <form id="filter" onsubmit="return false">
            <label>Status <select name="status">\(options)</select></label>
            <label>From <input type="date" name="from"></label>
            <label>To <input type="date" name="to"></label>
            <button type="reset">Show all</button>
            <output id="shown" aria-live="polite"></output>
            </form></header>
            <main id="jobs">

            """
    }

    static let closing = """

        </main>
        <p id="nothing" hidden>No image matches the filter.</p>
        <script>
        \(script)
        </script>
        </body>
        </html>

        """

    static let style = """
        :root { color-scheme: light dark; --bg: #f6f6f4; --card: #fff; --text: #1d1d1b; --muted: #6b6b66; --line: #ddd;
          --done: #2e7d32; --failed: #c62828; --blocked: #ad1457; --pending: #ef6c00; --other: #546e7a; }
        @media (prefers-color-scheme: dark) { :root { --bg: #161615; --card: #222220; --text: #ecece8; --muted: #a3a39c; --line: #3a3a37; } }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--text); }
        header.top { position: sticky; top: 0; z-index: 1; background: var(--bg); border-bottom: 1px solid var(--line); padding: 10px 16px; }
        header.top h1 { font-size: 18px; margin: 0 12px 0 0; display: inline-block; }
        .summary { display: inline-block; margin: 0; color: var(--muted); }
        #filter { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-top: 8px; }
        #filter label { color: var(--muted); }
        #shown { color: var(--muted); }
        main { padding: 0 16px 32px; }
        section.job { margin-top: 20px; }
        section.job > header h2 { font-size: 16px; margin: 0; }
        section.job > header h2 a { color: inherit; text-decoration: none; }
        section.job > header p { margin: 2px 0; }
        .meta, .id { color: var(--muted); font-size: 12px; }
        .id { font-family: ui-monospace, monospace; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin-top: 8px; }
        .card { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; overflow: hidden;
          display: flex; flex-direction: column; }
        .card a.full { display: block; background: #0001; }
        .card img.thumb { display: block; width: 100%; height: auto; }
        .card img.thumb.broken { min-height: 120px; }
        .nothumb { height: 150px; display: flex; align-items: center; justify-content: center; background: #0001; }
        figcaption { padding: 8px; }
        figcaption h3 { font-size: 13px; margin: 0 0 4px; overflow-wrap: anywhere; }
        .prompt { margin: 0 0 4px; white-space: pre-line; overflow-wrap: anywhere; display: -webkit-box; -webkit-line-clamp: 4;
          -webkit-box-orient: vertical; overflow: hidden; }
        .card:hover .prompt, .card:focus-within .prompt { -webkit-line-clamp: unset; }
        .reason, .note { margin: 4px 0 0; font-size: 12px; overflow-wrap: anywhere; }
        .reason { color: var(--failed); }
        .note { color: var(--muted); }
        .status { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-size: 11px; background: var(--other); }
        .s-done, .s-completed { background: var(--done); }
        .s-failed { background: var(--failed); }
        .s-blocked { background: var(--blocked); }
        .s-pending { background: var(--pending); }
        [hidden] { display: none !important; }
        """

    /// Plain JavaScript, no library: hides cards and sections outside the filter, keeps the count, marks each
    /// thumbnail `loaded` or `broken` (a broken one shows its alt text instead of a broken-image icon).
    static let script = """
        (function () {
          "use strict";
          var form = document.getElementById("filter");
          var shown = document.getElementById("shown");
          var nothing = document.getElementById("nothing");
          var sections = Array.prototype.slice.call(document.querySelectorAll("section.job"));
          var total = document.querySelectorAll("section.job .card").length;
          function apply() {
            var status = form.elements.status.value, from = form.elements.from.value, to = form.elements.to.value;
            var count = 0;
            sections.forEach(function (section) {
              var date = section.getAttribute("data-date");
              var inRange = (!from || date >= from) && (!to || date <= to);
              var any = false;
              Array.prototype.forEach.call(section.querySelectorAll(".card"), function (card) {
                var match = inRange && (status === "all" || card.getAttribute("data-status") === status);
                card.hidden = !match;
                if (match) { any = true; count += 1; }
              });
              section.hidden = !any;
            });
            shown.textContent = count === total ? total + " cards" : count + " of " + total + " cards";
            shown.setAttribute("data-count", String(count));
            nothing.hidden = count !== 0;
          }
          var query = new URLSearchParams(window.location.search);
          ["status", "from", "to"].forEach(function (name) {
            var value = query.get(name);
            if (value !== null && form.elements[name]) { form.elements[name].value = value; }
          });
          if (!form.elements.status.value) { form.elements.status.value = "all"; }
          form.addEventListener("input", apply);
          form.addEventListener("change", apply);
          form.addEventListener("reset", function () { setTimeout(apply, 0); });
          apply();
          function mark(image, state) { image.classList.add(state); image.setAttribute("data-load", state); }
          Array.prototype.forEach.call(document.querySelectorAll("img.thumb"), function (image) {
            if (image.complete && image.naturalWidth > 0) { mark(image, "loaded"); return; }
            if (image.complete && image.currentSrc) { mark(image, "broken"); return; }
            image.addEventListener("load", function () { mark(image, "loaded"); });
            image.addEventListener("error", function () { mark(image, "broken"); });
          });
        })();
        """
}
