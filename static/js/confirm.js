// A form whose button carries data-confirm asks before it is sent: the actions one click must
// not undo by accident (a new password, deactivating an account, unlinking a unit). Kept in a
// file, as the Content Security Policy allows no inline script.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
