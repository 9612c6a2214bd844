// Chart.js in the page's language: numbers on axes and in tooltips are written with the separators
// Django writes on the page (ka: "1 000", "0,25"; en: "1,000", "0.25"). The separators are read
// from <meta name="number-sample"> (1234.5 as the page formats it), so they come from the one format
// module (config/formats) and do not depend on the browser's locale data.
// Loaded right after chart.umd.min.js by templates/components/chartjs.html.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  const root = document.documentElement;
  const meta = document.querySelector('meta[name="number-sample"]');
  const sample = meta ? meta.content : "1,234.5";
  const thousands = sample.length > 6 ? sample.charAt(1) : "";
  const decimal = sample.charAt(sample.length - 2);
  function format(value, digits) {
    if (value === null || value === undefined || value === "" || isNaN(value)) return value;
    const plain = new Intl.NumberFormat("en-US", {
      maximumFractionDigits: digits === undefined ? 2 : digits,
    }).format(value);
    return plain.replace(/[,.]/g, (mark) => (mark === "," ? thousands : decimal));
  }
  window.chartNumber = format;
  Chart.defaults.locale = root.lang || "ka";
  const tick = function (value) {
    return format(value, 4);
  };
  ["linear", "radialLinear"].forEach((type) => {
    if (Chart.defaults.scales[type]) Chart.defaults.scales[type].ticks.callback = tick;
  });
  Chart.defaults.plugins.tooltip.callbacks.label = function (context) {
    const parsed = context.parsed;
    let value = parsed;
    if (parsed && typeof parsed === "object") {
      if (parsed.r !== undefined) value = parsed.r;
      else value = context.chart.options.indexAxis === "y" ? parsed.x : parsed.y;
    }
    const label = context.dataset.label ? context.dataset.label + ": " : "";
    return label + format(value);
  };
})();
