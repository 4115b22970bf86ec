// A form refused because its page grew stale (the session ended, or it was opened before a
// logout elsewhere) loses nothing typed: what a form sends is kept in this tab's session
// storage for one page load. The refusal page, and only it, marks it to be put back; the
// form's page, opened again from its «بازگشت به فرم», fills it in (never a password or a
// file) and says so. Any other page load forgets it, so personal data does not linger.
(() => {
  const KEY = "databank:form";
  const RESTORE = "databank:form:restore";

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    const values = [];
    for (const field of form.elements) {
      if (!field.name || ["password", "file", "hidden", "submit", "button"].includes(field.type)) {
        continue;
      }
      const ticked = field.type === "checkbox" || field.type === "radio" ? field.checked : null;
      values.push([field.name, field.value, ticked]);
    }
    if (values.length) {
      sessionStorage.setItem(KEY, JSON.stringify({ page: location.pathname + location.search, values }));
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const saved = sessionStorage.getItem(KEY);
    if (document.querySelector("[data-restore-form]")) {
      if (saved) sessionStorage.setItem(RESTORE, "1");
      return;
    }
    const restore = sessionStorage.getItem(RESTORE);
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(RESTORE);
    if (!saved || !restore) return;
    const { page, values } = JSON.parse(saved);
    if (page !== location.pathname + location.search) return;
    const form = [...document.querySelectorAll('main form[method="post"]')].find(
      (candidate) => values.some(([name]) => candidate.elements.namedItem(name)));
    if (!form) return;
    for (const [name, value, ticked] of values) {
      const found = form.elements.namedItem(name);
      const fields = found instanceof RadioNodeList ? [...found] : found ? [found] : [];
      for (const field of fields) {
        if (ticked === null) field.value = value;
        else if (field.value === value) field.checked = ticked;
      }
    }
    const note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.dataset.testid = "form-restored";
    note.textContent = "آنچه نوشته بودید (جز گذرواژه و فایل) دوباره در فرم گذاشته شد؛ آن را "
      + "بازبینی کنید و دوباره بفرستید.";
    form.prepend(note);
  });
})();
