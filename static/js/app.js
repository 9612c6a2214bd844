// The project's own behaviour. No inline scripts anywhere (Content-Security-Policy).
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-confirm]");
  if (trigger && !window.confirm(trigger.dataset.confirm)) {
    event.preventDefault();
  }
});

// Tables on narrow screens. A table marked .table-stack becomes one card per row below 768 px:
// each cell is labelled with its column header. Any other table in the page scrolls inside its own
// box instead of widening the page (apps need not remember a .table-responsive wrapper).
// Run on the page and again on every part of it htmx swaps in (a case page's tab).
function enhanceTables(root) {
  root.querySelectorAll("table.table-stack").forEach((table) => {
    if (!table.closest("main")) return;
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, index) => {
        if (headers[index] && !cell.hasAttribute("colspan")) cell.dataset.label = headers[index];
      });
    });
  });
  root.querySelectorAll("table:not(.table-stack)").forEach((table) => {
    if (!table.closest("main") || table.closest(".table-responsive")) return;
    const wrapper = document.createElement("div");
    wrapper.className = "table-responsive";
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
  });
}
document.addEventListener("DOMContentLoaded", () => enhanceTables(document));
document.addEventListener("htmx:load", (event) => enhanceTables(event.target));

// A print button (e.g. on a referral guide edition): <button data-print>.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// "Add another" for a Django formset: <form data-formset="prefix"> holding [data-formset-forms], a
// <template data-formset-empty> with the empty form (__prefix__, __number__) and a [data-formset-add]
// button. Without JavaScript the page still offers its blank rows.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const form = button.closest("[data-formset]");
  const prefix = form.dataset.formset;
  const total = form.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const max = form.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`);
  const index = Number(total.value);
  if (max && index >= Number(max.value)) return;
  const html = form.querySelector("template[data-formset-empty]").innerHTML
    .replace(/__prefix__/g, String(index))
    .replace(/__number__/g, String(index + 1));
  form.querySelector("[data-formset-forms]").insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const added = form.querySelectorAll("[data-formset-form]");
  added[added.length - 1].querySelector("input, select")?.focus();
});

// After a failed POST the error summary takes the focus, so a screen reader reads it first.
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("error-summary")?.focus();
});
