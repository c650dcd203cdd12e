// The console's own behaviour, beyond what htmx attributes say: a sent message clears the compose form.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (form && form.id === "compose" && event.detail.successful) {
    form.reset();
  }
});
