// Builds static/vendor/plotly/plotly.min.js: plotly.js (from node_modules, pinned in
// package-lock.json) with only the trace types and locales listed in plotly-bundle.json.
// The full plotly.js is 4.6 MB; this bundle is a fraction of that. Run by `make assets`.
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = JSON.parse(readFileSync(join(root, "assets/plotly-bundle.json"), "utf8"));
const lib = (name) => JSON.stringify(`plotly.js/lib/${name}`);

// `core` already has scatter; registering it again is harmless and keeps the list honest.
const entry = [
  `var Plotly = require(${lib("core")});`,
  `Plotly.register([${spec.traces.map((t) => `require(${lib(t)})`).join(", ")}]);`,
  `Plotly.register([${spec.locales.map((l) => `require(${lib(`locales/${l}`)})`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

const outfile = join(root, spec.output);
mkdirSync(dirname(outfile), { recursive: true });
await build({
  stdin: { contents: entry, resolveDir: root, loader: "js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2018",
  define: { global: "window" },
  // Only the "map" subplot (maplibre) imports a stylesheet; Concord draws no such chart.
  loader: { ".css": "empty" },
  legalComments: "none",
  outfile,
  logLevel: "warning",
});
const version = JSON.parse(readFileSync(join(root, "node_modules/plotly.js/package.json"), "utf8")).version;
console.log(`plotly.js ${version} (${spec.traces.join(", ")}) -> ${spec.output}`);
