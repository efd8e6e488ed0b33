// The meeting form: the topic, lecturer and hours matter for a workshop or a seminar only, so they
// are hidden for other kinds of meeting (without the script they simply stay in view).
(function () {
  "use strict";

  var kind = document.getElementById("id_kind");
  var fields = document.getElementById("workshop-fields");
  if (!kind || !fields) { return; }
  function show() {
    fields.hidden = kind.value !== "workshop" && kind.value !== "seminar";
  }
  kind.addEventListener("change", show);
  show();
}());
