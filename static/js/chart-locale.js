// Chart.js in the page's language: numbers on axes and in tooltips are written by Intl with the
// <html lang> locale (ka: "1 000", "0,25"; en: "1,000", "0.25"), like the figures around them.
// Loaded right after chart.umd.min.js by templates/components/chartjs.html.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  const lang = document.documentElement.lang || "ka";
  Chart.defaults.locale = lang;
  window.chartNumber = function (value, digits) {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: digits === undefined ? 2 : digits }).format(value);
  };
})();
