/* hoinghi's own script: no inline script or handler is allowed by the Content-Security-Policy. */
"use strict";

// The check-in search form searches as one types through htmx; pressing Enter must not also
// reload the page. Without htmx (script blocked or failed) the form submits normally.
document.addEventListener("submit", function (event) {
  if (event.target.matches("form[data-htmx-search]") && window.htmx) {
    event.preventDefault();
  }
});
