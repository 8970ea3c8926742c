// charts.js: a hand-drawn SVG line chart (document.createElementNS, no library) for the live view: one polyline
// per series over the last 60 samples, a y axis with three gridlines, and an HTML legend.
"use strict";

(function () {
  const NS = "http://www.w3.org/2000/svg";
  const WIDTH = 600;
  const HEIGHT = 200;
  const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An empty chart: <svg id role=img> with a <title>; draw() fills it.
  function create(id, title) {
    const svg = svgEl("svg", { id, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": id + "-title",
      class: "chart", preserveAspectRatio: "xMidYMid meet" });
    svg.appendChild(svgEl("title", { id: id + "-title" }, title));
    return svg;
  }

  // A round ceiling for the y axis: 1, 2, 5, 10, 20, 50, ...
  function niceMax(value) {
    if (value <= 1) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value);
  }

  function drawAxes(group, max, capacity) {
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    [0, 0.5, 1].forEach((fraction) => {
      const y = PAD.top + plotHeight * (1 - fraction);
      group.appendChild(svgEl("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: "grid" }));
      group.appendChild(svgEl("text", { x: PAD.left - 6, y: y + 4, class: "axis-label", "text-anchor": "end" },
        String(Math.round(max * fraction * 100) / 100)));
    });
    group.appendChild(svgEl("text", { x: PAD.left, y: HEIGHT - 4, class: "axis-label" }, `-${capacity} s`));
    const right = WIDTH - PAD.right;
    group.appendChild(svgEl("text", { x: right, y: HEIGHT - 4, class: "axis-label", "text-anchor": "end" }, "now"));
  }

  function points(values, max, capacity) {
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const offset = capacity - values.length;
    return values.map((v, i) => {
      const x = PAD.left + (plotWidth * (offset + i)) / Math.max(1, capacity - 1);
      const y = PAD.top + plotHeight * (1 - Math.min(v, max) / max);
      return x.toFixed(1) + "," + y.toFixed(1);
    }).join(" ");
  }

  // series: [{name, values: [number], colour: 0..7}]; redraws the whole chart.
  function draw(svg, series, capacity) {
    const title = svg.firstChild;
    while (svg.lastChild !== title) svg.removeChild(svg.lastChild);
    const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
    const group = svgEl("g", {});
    drawAxes(group, max, capacity);
    series.forEach((s) => {
      if (s.values.length === 0) return;
      const line = points(s.values, max, capacity);
      group.appendChild(svgEl("polyline", { points: line, class: "series series-" + s.colour }));
      const [x, y] = line.split(" ").pop().split(",");
      group.appendChild(svgEl("circle", { cx: x, cy: y, r: 3.5, class: "dot series-" + s.colour }));
    });
    svg.appendChild(group);
    svg.setAttribute("data-samples", String(Math.max(0, ...series.map((s) => s.values.length))));
  }

  // An HTML legend for the series: swatch + name + current value.
  function legend(list, series, unit) {
    Coffer.ui.clear(list);
    series.forEach((s) => {
      const last = s.values.length ? s.values[s.values.length - 1] : 0;
      list.appendChild(Coffer.ui.el("li", {},
        Coffer.ui.el("span", { class: "swatch swatch-" + s.colour, "aria-hidden": "true" }),
        s.name + ": " + Coffer.ui.formatNumber(last) + " " + unit));
    });
  }

  Coffer.charts = { create, draw, legend };
})();
