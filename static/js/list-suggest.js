// Suggestions for fields that take a list ("اکسل، اتوکد، ..."): the browser's datalist only
// matches the whole value, so offer each suggestion after what has been typed so far.
(function () {
  "use strict";
  var SEPARATOR = /[،,;]\s*/g;
  document.querySelectorAll("input[data-list-suggest]").forEach(function (input) {
    var source = document.getElementById(input.dataset.listSuggest);
    if (!source) { return; }
    var names = Array.prototype.map.call(source.options, function (o) { return o.value; });
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
      names.filter(function (n) { return n.indexOf(typed) !== -1; }).slice(0, 30)
        .forEach(function (n) {
          var option = document.createElement("option");
          option.value = done + n + "، ";
          list.appendChild(option);
        });
    });
  });
})();
