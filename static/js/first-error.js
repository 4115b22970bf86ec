// A form the server refused comes back with its first refused field focused: a keyboard or
// screen-reader user lands on it and hears its label and its error (aria-describedby) at once,
// instead of starting again from the top of the page. A form refused as a whole (a failed
// login names no field) says data-focus-first: its first box takes the focus. Not where
// something else holds focus.
document.addEventListener("DOMContentLoaded", () => {
  const first = document.querySelector('main [aria-invalid="true"]')
    || document.querySelector("main form[data-focus-first] :is(input, select, textarea):not([type=hidden])");
  if (first && (document.activeElement === document.body || !document.activeElement)) {
    first.focus();
  }
});
