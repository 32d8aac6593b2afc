// blogforge dev server client: live reload, stylesheet hot swap, and the build error overlay.
// Injected by `blogforge serve` into served pages only; never written into dist/.
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script ? script.getAttribute("data-server") : null;
  var epoch = script ? Number(script.getAttribute("data-epoch")) : 0;
  var OVERLAY_ID = "blogforge-error-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function showOverlay(errors) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build error");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f6f6f6;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;";
    var title = document.createElement("h2");
    title.textContent = "Build failed — showing the last good version underneath";
    title.style.cssText = "margin:0 0 1rem;color:#ff8080;font:600 1.2rem system-ui,sans-serif;";
    box.appendChild(title);
    errors.forEach(function (error) {
      var message = document.createElement("p");
      message.className = "blogforge-error-message";
      message.textContent = error.message;
      message.style.cssText = "margin:1rem 0 .5rem;white-space:pre-wrap;";
      box.appendChild(message);
      if (error.snippet) {
        var pre = document.createElement("pre");
        pre.textContent = error.snippet;
        pre.style.cssText = "margin:0;padding:.75rem;background:#000;border-radius:6px;overflow:auto;";
        box.appendChild(pre);
      }
    });
    var hint = document.createElement("p");
    hint.textContent = "Fix the file and save: this page reloads by itself.";
    hint.style.cssText = "margin-top:1.5rem;color:#aaa;font-family:system-ui,sans-serif;";
    box.appendChild(hint);
    document.body.appendChild(box);
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    links.forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.searchParams.set("blogforge", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }

  function onStatus(status) {
    if (server && status.server !== server) {
      location.reload(); // the server restarted: this page may be stale
      return;
    }
    if (status.error) {
      showOverlay(status.error);
      epoch = status.epoch;
      return;
    }
    if (status.epoch > epoch) {
      var hadOverlay = !!document.getElementById(OVERLAY_ID);
      epoch = status.epoch;
      if (status.change && status.change.indexOf("css") === 0 && !hadOverlay) {
        swapStylesheets();
      } else {
        location.reload();
      }
      return;
    }
    removeOverlay();
  }

  var source = new EventSource("/__blogforge/events");
  source.addEventListener("status", function (event) {
    onStatus(JSON.parse(event.data));
  });
})();
