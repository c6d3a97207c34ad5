// Bundles the explorer into service/static/explorer (git-ignored), which the service serves at
// /explorer: one script, one style sheet and the page, all from the service's own origin.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "service", "static", "explorer");

await mkdir(out, { recursive: true });
await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  outfile: join(out, "explorer.js"),
  logLevel: "warning",
});
await copyFile(join(here, "src", "explorer.css"), join(out, "explorer.css"));
await copyFile(join(here, "src", "index.html"), join(out, "index.html"));
