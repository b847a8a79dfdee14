// Draws the handouts' ```mermaid diagrams in the mdBook build. GitHub renders
// them itself; mdBook shows them as code, so this replaces each such block
// with a Mermaid diagram. Mermaid is loaded only on pages that have one; a
// reader who is offline sees the diagram's source, which reads fine too.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("code.language-mermaid");
  if (blocks.length === 0) {
    return;
  }
  import("https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs")
    .then(function (module) {
      var mermaid = module.default;
      var html = document.documentElement.classList;
      var dark = html.contains("coal") || html.contains("navy") || html.contains("ayu");
      var diagrams = [];
      blocks.forEach(function (code) {
        var diagram = document.createElement("pre");
        diagram.className = "mermaid";
        diagram.textContent = code.textContent;
        code.parentElement.replaceWith(diagram);
        diagrams.push(diagram);
      });
      mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default" });
      return mermaid.run({ nodes: diagrams });
    })
    .catch(function (error) {
      console.warn("mermaid diagrams not drawn:", error);
    });
})();
