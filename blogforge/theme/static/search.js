// The search page: asks the Pagefind bundle as the reader types, shows links (Tab, Enter) to
// the ten best matches. The query stays in the address (?q=), so a result can be shared.
// The index comes in shards: the first one's pagefind.js is loaded, the others merged into it
// (a shard that fails to load leaves its pages out, not the search).
(async function () {
  var form = document.querySelector(".search-form");
  if (!form) return;
  var input = form.elements.q, status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results"), pagefind;
  try {
    pagefind = await import(form.dataset.pagefind);
    await pagefind.init();
    var shards = (form.dataset.pagefindShards || "").split(" ").filter(Boolean);
    await Promise.all(shards.map(function (shard) {
      return pagefind.mergeIndex(shard).catch(function () {});
    }));
  } catch (e) {
    status.textContent = "The search index is not available on this build.";
    return;
  }
  async function run() {
    var query = input.value.trim();
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : location.pathname);
    var search = query ? await pagefind.debouncedSearch(query, {}, 120) : {results: []};
    if (search === null) return; // a newer keystroke superseded this one
    var found = await Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }));
    list.replaceChildren.apply(list, found.map(function (hit) {
      var item = document.createElement("li"), link = document.createElement("a");
      var excerpt = document.createElement("p");
      link.href = hit.url;
      link.textContent = hit.meta.title || hit.url;
      excerpt.innerHTML = hit.excerpt; // Pagefind escapes the text and adds <mark>
      item.append(link, excerpt);
      return item;
    }));
    status.textContent = query ? search.results.length + " result" + (search.results.length === 1 ? "" : "s") : "";
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  // What the reader typed while the index loaded wins over the address's ?q=; either is run.
  if (!input.value) input.value = new URLSearchParams(location.search).get("q") || "";
  if (input.value) run();
})();
