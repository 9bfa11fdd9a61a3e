// Runs in the host page after it is parsed: writes, as JSON into
// <pre id="result">, the computed styles Chromium gives every element of the
// fragment (inside its shadow root, or under its root if it has none) and
// the host's own elements, for tests/browser.rs to read from the dumped DOM.
(function () {
  // Properties a hostile host could change by inheritance or by rules, and
  // SVG paint; layout sizes are left out because the host decides the width.
  const PROPS = [
    "display", "visibility", "color", "background-color", "font-family",
    "font-size", "font-style", "font-weight", "line-height", "letter-spacing",
    "word-spacing", "text-transform", "text-align", "text-indent",
    "white-space", "border-top-width", "border-top-style", "border-top-color",
    "margin-top", "padding-top", "fill", "stroke",
  ];
  function styles(el) {
    const cs = getComputedStyle(el);
    const out = {};
    for (const p of PROPS) out[p] = cs.getPropertyValue(p);
    return out;
  }
  function describe(el) {
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      class: el.getAttribute("class") || "",
      width: r.width,
      height: r.height,
      styles: styles(el),
    };
  }
  const result = { fragment: null, host: {} };
  const slot = document.getElementById("slot");
  const root = slot.firstElementChild;
  if (root) {
    const tree = root.shadowRoot || root;
    const after = document.getElementById("after-fragment");
    result.fragment = {
      root_elements: slot.children.length,
      stray_text: Array.from(slot.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== ""),
      // A fragment that closes more than it opens ends the slot early.
      closed_cleanly: after.parentElement === document.body &&
        after.previousElementSibling === slot,
      elements: Array.from(tree.querySelectorAll("*")).map(describe),
    };
  }
  const hostIds = Array.from(document.querySelectorAll("[id^='host-']")).map((e) => "#" + e.id);
  for (const sel of ["html", "body", "#after-fragment"].concat(hostIds)) {
    result.host[sel] = styles(document.querySelector(sel));
  }
  document.getElementById("result").textContent = JSON.stringify(result);
})();
