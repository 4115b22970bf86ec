// A form whose button carries data-confirm asks before it is sent: the actions one click must
// not undo by accident (a new password, deactivating an account, unlinking a unit). Kept in a
// file, as the Content Security Policy allows no inline script.
// It does not ask about what the server will refuse anyway: a form with a required box left
// empty, or (data-confirm-ticked="name") with none of its boxes of that name ticked. The form is
// sent as it is and the server answers with its Persian message, not a question and then a
// refusal.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = button && button.dataset.confirm;
  if (!message || refused(event.target, button) || window.confirm(message)) return;
  event.preventDefault();
});

function refused(form, button) {
  const empty = [...form.elements].some(
    (field) => field.required && !field.disabled && field.value.trim() === "");
  const ticked = button.dataset.confirmTicked;
  const none = ticked !== undefined && ![...form.elements].some(
    (field) => field.name === ticked && field.checked);
  return empty || none;
}
