// The meeting page (templates/admin/awards/councilmeeting/run.html): while a ballot is open, reload
// the "who has voted" table every five seconds. It shows a tick per member, never a choice.
(function () {
  "use strict";
  var box = document.getElementById("voters");
  if (!box || !box.dataset.refresh) { return; }
  window.setInterval(function () {
    fetch(box.dataset.refresh, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; } });
  }, 5000);
}());
