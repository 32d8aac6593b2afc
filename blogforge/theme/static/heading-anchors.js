// A "#" link after each heading of the post's body, to copy or share a link to that section.
// Added here rather than in the Markdown output, which stays exactly what Astro writes.
document.querySelectorAll(".prose :is(h2, h3, h4, h5, h6)[id]:not(.sr-only)").forEach(function (h) {
  var a = document.createElement("a");
  a.className = "heading-anchor";
  a.href = "#" + encodeURIComponent(h.id);
  a.textContent = "#";
  a.setAttribute("aria-label", "Link to “" + h.textContent + "”");
  h.append(" ", a);
});
