// A "Copy" button on each code block, added here: without JavaScript there is no button that
// could not work, and the code can still be selected by hand.
document.querySelectorAll(".prose pre").forEach(function (pre) {
  if (!navigator.clipboard) return;
  var box = document.createElement("div"), button = document.createElement("button");
  box.className = "code-block";
  button.type = "button";
  button.className = "copy-code";
  button.textContent = "Copy";
  button.addEventListener("click", function () {
    var code = pre.querySelector("code") || pre;
    navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(
      function () { button.textContent = "Copied"; },
      function () { button.textContent = "Select and copy"; }
    );
    setTimeout(function () { button.textContent = "Copy"; }, 2000);
  });
  pre.parentNode.insertBefore(box, pre);
  box.append(pre, button);
});
