// Copies the static files next to the compiled scripts. No dependencies: plain node.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });
for (const file of ["index.html", "style.css"]) {
  copyFileSync(join(here, file), join(dist, file));
}
if (!existsSync(join(dist, "js", "main.js"))) {
  console.error("dist/js/main.js is missing: run tsc first");
  process.exit(1);
}
console.log("ui: copied index.html and style.css into dist/");
