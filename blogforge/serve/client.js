// blogforge dev server client: live reload, stylesheet hot swap, and the build error overlay.
// Injected by `blogforge serve` into served pages only; never written into dist/.
//
// A rebuilt page is swapped in place when it can be: the new HTML is fetched and its <body>
// replaces the old one, keeping the scroll position and saving the browser a whole page load
// (most of the time from a save to the new text on screen). Only when nothing could behave
// differently from a reload: the <head> is the same but for its title and meta tags, and every
// script is this one, data (JSON), or marked by the layout as safe to run again on a new body
// (`data-blogforge-rerun`, run again after the swap) or as touching only <html>
// (`data-blogforge-keep`). Any other script, a changed head or any failure: a real reload.
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

  var CLIENT_PATH = "/__blogforge/client.js";

  function isData(node) {
    var type = (node.getAttribute("type") || "").toLowerCase();
    return type !== "" && type !== "module" && !/(java|ecma)script/.test(type);
  }

  // Executable scripts a swap cannot stand behind (see the top of this file).
  function unswappableScripts(doc) {
    return Array.prototype.filter.call(doc.scripts, function (node) {
      if (isData(node) || node.hasAttribute("data-blogforge-keep")) return false;
      var src = node.getAttribute("src");
      if (!src) return true; // inline: it cannot be told apart from one that must run again
      if (new URL(src, location.href).pathname === CLIENT_PATH) return false;
      return !(node.hasAttribute("data-blogforge-rerun") && node.closest("head"));
    }).length;
  }

  function headShape(doc) {
    return Array.prototype.filter.call(doc.head.children, function (node) {
      var name = node.localName;
      return name !== "title" && name !== "meta" && !(name === "script" && isData(node));
    }).map(function (node) { return node.outerHTML; }).join("\n");
  }

  function rerun() {
    document.head.querySelectorAll("script[data-blogforge-rerun][src]").forEach(function (old) {
      var fresh = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (attribute) {
        fresh.setAttribute(attribute.name, attribute.value); // the head stays as served
      });
      fresh.async = false; // in the head's order, as `defer` ran them
      old.replaceWith(fresh);
    });
  }

  function swapPage() {
    var address = location.href;
    fetch(address, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (!response.ok || response.redirected || type.indexOf("text/html") !== 0) throw 0;
        return response.text();
      })
      .then(function (html) {
        if (location.href !== address) return; // the reader moved on meanwhile
        var fresh = new DOMParser().parseFromString(html, "text/html");
        if (headShape(fresh) !== headShape(document)) throw 0;
        if (unswappableScripts(fresh) || unswappableScripts(document)) throw 0;
        document.title = fresh.title;
        document.head.querySelectorAll("meta").forEach(function (node) { node.remove(); });
        fresh.head.querySelectorAll("meta").forEach(function (node) {
          document.head.appendChild(document.importNode(node, true));
        });
        document.body.replaceWith(document.adoptNode(fresh.body)); // its scripts do not run
        rerun();
        document.dispatchEvent(new CustomEvent("blogforge:swapped"));
      })
      .catch(function () { location.reload(); });
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
        swapPage();
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
