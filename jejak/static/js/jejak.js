// Small behaviours that lived in inline handlers, which the Content-Security-Policy forbids:
// [data-print] prints the page, form[data-confirm] asks before sending, input[data-select]
// selects its text (a link to copy) when focused.
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
document.addEventListener("submit", (event) => {
  const message = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input[data-select]")) {
    event.target.select();
  }
});
