// A document's admin page: the fields the chosen kind of document does not use are greyed,
// with a note, and cannot be reached (inert: what they hold is still sent, unchanged). A field
// the kind refuses that holds something stays open, marked, so the clerk can take it out;
// saving refuses it anyway (Document.clean). The rules come from the page's JSON, written from
// reports/kinds.py by backoffice/document_kinds.py. Without JavaScript every field stays open.
(function () {
  var data = document.getElementById("document-kind-rules");
  var kind = document.getElementById("id_kind");
  if (!data || !kind) return;
  var rules = JSON.parse(data.textContent);
  var form = kind.form;

  function rowOf(name) {
    var field = form.elements[name];
    if (!field || !field.closest) return null;
    return field.closest(".fieldBox") || field.closest(".form-row");
  }

  function valueOf(name) {
    var field = form.elements[name];
    if (!field) return "";
    return field.type === "checkbox" ? (field.checked ? "on" : "") : field.value.trim();
  }

  function mark(row, state, note) {
    if (!row) return;
    row.classList.add("kind-" + state);
    row.inert = state === "unused";
    var help = document.createElement("p");
    help.className = "help kind-note";
    help.textContent = note;
    row.appendChild(help);
  }

  function clear() {
    document.querySelectorAll(".kind-unused, .kind-refused").forEach(function (row) {
      row.classList.remove("kind-unused", "kind-refused");
      row.inert = false;
    });
    document.querySelectorAll(".kind-note").forEach(function (note) { note.remove(); });
  }

  function partsHeld() {
    var total = form.elements["parts-TOTAL_FORMS"];
    var held = 0;
    for (var i = 0; total && i < parseInt(total.value, 10); i++) {
      var removed = form.elements["parts-" + i + "-DELETE"];
      if (!(removed && removed.checked)) held++;
    }
    return held;
  }

  function apply() {
    clear();
    var rule = rules[kind.value];
    if (!rule) return;  // no kind chosen yet: every field is open
    Object.keys(rule.must_be).forEach(function (name) {
      var holds = valueOf(name) !== rule.must_be[name];
      mark(rowOf(name), holds ? "refused" : "unused", holds ? rule.refused_note : rule.unused_note);
    });
    rule.ignored.forEach(function (name) { mark(rowOf(name), "unused", rule.unused_note); });
    if (!rule.parts) {
      var group = document.getElementById("parts-group");
      var held = partsHeld() > 0;
      mark(group, held ? "refused" : "unused", held ? rule.refused_note : rule.unused_note);
    }
  }

  kind.addEventListener("change", apply);
  apply();
})();
