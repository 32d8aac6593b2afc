// Auto / light / dark, remembered. The <head> script applies it before the first paint;
// without JavaScript the button stays hidden and the system's preference applies.
(function () {
  var root = document.documentElement, key = "blogforge-theme", modes = ["auto", "light", "dark"];
  var button = document.querySelector(".theme-toggle");
  if (!button) return;
  function show(mode) {
    button.textContent = mode[0].toUpperCase() + mode.slice(1);
    button.setAttribute("aria-label", "Colour theme: " + mode + " (change)");
  }
  show(root.dataset.theme || "auto");
  button.hidden = false;
  button.addEventListener("click", function () {
    var next = modes[(modes.indexOf(root.dataset.theme || "auto") + 1) % 3];
    if (next === "auto") delete root.dataset.theme;
    else root.dataset.theme = next;
    try {
      next === "auto" ? localStorage.removeItem(key) : localStorage.setItem(key, next);
    } catch (e) {}
    show(next);
  });
})();
