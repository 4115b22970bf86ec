// A checkbox with data-select-all="NAME" ticks or clears every checkbox called NAME (the
// records an inspector verifies together), and shows a mixed state when only some are ticked.
// Kept in a file, as the Content Security Policy allows no inline script.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
  const group = box.dataset.selectAll;
  if (group) {
    document.querySelectorAll(`input[type=checkbox][name="${group}"]`).forEach((item) => {
      item.checked = box.checked;
    });
    return;
  }
  const all = document.querySelector(`input[data-select-all="${box.name}"]`);
  if (all) {
    const items = [...document.querySelectorAll(`input[type=checkbox][name="${box.name}"]`)];
    const ticked = items.filter((item) => item.checked).length;
    all.checked = ticked === items.length;
    all.indeterminate = ticked > 0 && ticked < items.length;
  }
});
