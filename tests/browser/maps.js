// Runs in a test page holding one iframe per case (a fragment at a width):
// for each, the map labels drawn at that width and, at worst, how much of a
// label another label or the north arrow covers, as a share of the smaller
// of the two. A label's box is cut to the glyphs' em (the middle 70 % of
// its height): the rest is the font's line spacing, which may touch the
// next line without harm. Writes the cases as JSON into <pre id="result">.
(function () {
  const em = (r) => ({
    left: r.left, right: r.right, width: r.width,
    top: r.top + 0.15 * r.height, bottom: r.bottom - 0.15 * r.height, height: 0.7 * r.height,
  });
  const cases = [...document.querySelectorAll("iframe.case")].map((frame) => {
    const root = frame.contentDocument.querySelector(".jingqin-itinerary");
    const tree = root ? root.shadowRoot || root : null;
    const maps = tree ? [...tree.querySelectorAll(".map")] : [];
    let labels = 0;
    let overlap = 0;
    for (const map of maps) {
      const drawn = [...map.querySelectorAll("text.label")]
        .filter((el) => el.getClientRects().length > 0);
      labels += drawn.length;
      const boxes = drawn.map((el) => em(el.getBoundingClientRect()))
        .concat([...map.querySelectorAll(".north")].map((el) => el.getBoundingClientRect()));
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        const smaller = Math.min(a.width * a.height, b.width * b.height);
        if (w > 0 && h > 0 && smaller > 0) overlap = Math.max(overlap, w * h / smaller);
      }));
    }
    return { name: frame.dataset.name, maps: maps.length, labels, overlap };
  });
  document.getElementById("result").textContent = JSON.stringify(cases);
})();
