// Hides the questions that skip logic (`relevant`) leaves out, asking the server after each change.
// The server applies the same rules again when the form is saved.
(function () {
  "use strict";
  const form = document.getElementById("survey-entry");
  if (!form) return;
  let pending = null;
  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.dataset.relevanceUrl, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
      signal: pending.signal,
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        const hidden = new Set(data.hidden);
        form.querySelectorAll("[data-question]").forEach(function (fieldset) {
          // A hidden question is disabled too: its answer is not sent, since the server refuses an
          // answer to a question that skip logic hides.
          fieldset.hidden = fieldset.disabled = hidden.has(fieldset.dataset.question);
        });
      })
      .catch(function () { /* a newer request replaced this one */ });
  }
  form.addEventListener("change", refresh);
})();
