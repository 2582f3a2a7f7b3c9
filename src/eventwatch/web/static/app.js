// Draws every chart on the page: a Vega-Lite spec in <script type="application/json"
// data-chart="ID"> goes into the element with id ID.  Vega runs its expressions through
// vega-interpreter (ast: true), so the page needs no 'unsafe-eval' in its CSP.
// A click on a mark whose datum has an "anchor" opens that evidence section (#anchor).
(function () {
  "use strict";
  function draw(source) {
    var target = document.getElementById(source.getAttribute("data-chart"));
    if (!target) { return; }
    var spec = JSON.parse(source.textContent);
    var options = {
      renderer: "svg",
      actions: false,
      ast: true,
      expr: vega.expressionInterpreter
    };
    vegaEmbed(target, spec, options).then(function (result) {
      target.setAttribute("data-drawn", "true");
      result.view.addEventListener("click", function (event, item) {
        if (item && item.datum && item.datum.anchor) {
          window.location.hash = item.datum.anchor;
        }
      });
    }).catch(function (error) {
      target.setAttribute("data-drawn", "error");
      target.textContent = "The chart could not be drawn: " + error;
    });
  }
  document.querySelectorAll("script[data-chart]").forEach(draw);
})();
