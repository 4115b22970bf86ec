// Suggestions for fields that take a list ("اکسل، اتوکد، ..."): the browser's datalist only
// matches the whole value, so offer each suggestion after what has been typed so far.
(function () {
  "use strict";
  var SEPARATOR = /[،,;؛]\s*/g;
  // Compared as the server's keys compare them, roughly: Arabic-keyboard letters, case and a
  // half-space do not hide a suggestion ("پايتون", "exc", "نرم افزار").
  function fold(text) {
    return text.replace(/[يى]/g, "ی").replace(/ك/g, "ک").replace(/\u200c/g, " ")
      .toLowerCase();
  }
  document.querySelectorAll("input[data-list-suggest]").forEach(function (input) {
    var source = document.getElementById(input.dataset.listSuggest);
    if (!source) { return; }
    var names = Array.prototype.map.call(source.options, function (o) { return o.value; });
    // a skill is also found by its other spellings (Excel for اکسل), offered by its name
    var folded = Array.prototype.map.call(source.options, function (o) {
      return fold(o.value + " " + (o.dataset.also || ""));
    });
    var list = document.createElement("datalist");
    list.id = input.id + "-live";
    input.after(list);
    input.setAttribute("list", list.id);
    input.addEventListener("input", function () {
      var value = input.value;
      var cut = -1;
      value.replace(SEPARATOR, function (match, offset) { cut = offset + match.length; });
      var done = cut >= 0 ? value.slice(0, cut) : "";
      var typed = (cut >= 0 ? value.slice(cut) : value).trim();
      list.textContent = "";
      if (typed.length < 1) { return; }
      var wanted = fold(typed);
      names.filter(function (n, i) { return folded[i].indexOf(wanted) !== -1; }).slice(0, 30)
        .forEach(function (n) {
          var option = document.createElement("option");
          option.value = done + n + "، ";
          list.appendChild(option);
        });
    });
  });
})();
