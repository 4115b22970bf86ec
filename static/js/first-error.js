// A form the server refused comes back with its first refused field focused: a keyboard or
// screen-reader user lands on it and hears its label and its error (aria-describedby) at once,
// instead of starting again from the top of the page. Not where something else holds focus.
document.addEventListener("DOMContentLoaded", () => {
  const first = document.querySelector('main [aria-invalid="true"]');
  if (first && (document.activeElement === document.body || !document.activeElement)) {
    first.focus();
  }
});
