// Bundles src/index.jsx into minified graphiql.js and graphiql.css in the Python package
// (service/static/graphiql), which the service serves at /static/graphiql/. Fonts and images
// the styles use are inlined as data: URLs, so that those two files are all there is.
import { build } from "esbuild";
import { mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, "..", "..", "service", "static", "graphiql");

await mkdir(output, { recursive: true });
// Nothing but this build's two files may be left where the service serves the folder.
for (const name of await readdir(output)) {
  await rm(join(output, name), { recursive: true, force: true });
}
await build({
  entryPoints: { graphiql: join(here, "src", "index.jsx") },
  outdir: output,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  legalComments: "none",
  sourcemap: false,
  define: { "process.env.NODE_ENV": '"production"' },
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl", ".png": "dataurl" },
  logLevel: "warning",
});
console.log(`graphiql.js and graphiql.css written to ${output}`);
