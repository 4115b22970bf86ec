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
    var spellings = Array.prototype.map.call(source.options, function (o) {
      return (o.dataset.also ? o.dataset.also.split("|") : []);
    });
    var folded = names.map(fold);
    function found(i, wanted) {
      if (folded[i].indexOf(wanted) !== -1) { return names[i]; }
      return spellings[i].find(function (s) { return fold(s).indexOf(wanted) !== -1; });
    }
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
      var shown = 0;
      names.forEach(function (n, i) {
        var match = shown < 30 && found(i, wanted);
        if (!match) { return; }
        var option = document.createElement("option");
        option.value = done + n + "، ";
        // the browser lists an option only if its value or label holds the whole box as
        // typed: a Latin spelling (Excel) or Arabic-keyboard letters (پايت) lead the label
        if (match !== n || typed !== wanted) {
          option.label = done + (match !== n ? match : typed) + " — " + n;
        }
        list.appendChild(option);
        shown += 1;
      });
    });
  });
})();
