// Runs in the outer test page after its frame has loaded: the frame (a
// srcdoc iframe of the width under test, so same-origin) holds a host page
// with the fragment pasted as HTML, set with innerHTML, or inside an iframe
// of its own. Writes, as JSON into <pre id="result">, how the fragment
// came out: attached as a shadow root or shown by its fallback copy, its
// look, its layout at that width, and the host's own paragraph.
(function () {
  const outer = document.getElementById("frame");
  let doc = outer.contentDocument;
  const inner = doc.querySelector("iframe");
  if (inner) doc = inner.contentDocument;
  const root = doc.querySelector(".jingqin-itinerary");
  const result = { found: !!root };
  if (root) {
    const tree = root.shadowRoot || root;
    const article = tree.querySelector("article.itinerary");
    const style = (el) => el ? getComputedStyle(el) : null;
    const h1 = style(article && article.querySelector("h1"));
    const row = style(article && article.querySelector(".timeline tr.visit"));
    const rect = article ? article.getBoundingClientRect() : { width: 0, height: 0 };
    result.shadow = !!root.shadowRoot;
    result.article = { width: rect.width, height: rect.height };
    result.h1 = h1 && {
      weight: h1.fontWeight, family: h1.fontFamily, color: h1.color,
      transform: h1.textTransform, size: h1.fontSize,
    };
    result.row_display = row && row.display;
    // The first label drawn at this width (the map holds a set for each).
    const label = article && [...article.querySelectorAll(".map text.label")]
      .find((el) => el.getClientRects().length > 0);
    result.map_label_px = label ? label.getBoundingClientRect().height : 0;
    // Wider than its own box, or past the frame's right edge: the reader
    // scrolls sideways. (The hostile host's own text overflows; not ours.)
    result.overflow = article ? Math.max(
      article.scrollWidth - article.clientWidth,
      rect.right - doc.documentElement.clientWidth) : 0;
  }
  const hostP = outer.contentDocument.getElementById("host-p");
  result.host_p = hostP && {
    color: getComputedStyle(hostP).color,
    family: getComputedStyle(hostP).fontFamily,
  };
  document.getElementById("result").textContent = JSON.stringify(result);
})();
