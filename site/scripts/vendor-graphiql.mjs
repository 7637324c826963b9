// GraphiQL's files, as the page Strawberry makes for /graphql names them on unpkg.com, copied
// from node_modules into dist/assets/vendor/<package>@<version>/: the server points the page
// at these, so the playground works without the internet. Versions are pinned in package.json.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const FILES = {
  react: ["umd/react.production.min.js"],
  "react-dom": ["umd/react-dom.production.min.js"],
  "js-cookie": ["dist/js.cookie.min.js"],
  graphiql: ["graphiql.min.js", "graphiql.min.css"],
  "@graphiql/plugin-explorer": ["dist/index.umd.js", "dist/style.css"],
};

for (const [name, files] of Object.entries(FILES)) {
  const { version } = JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8"));
  for (const file of files) {
    const target = join("dist", "assets", "vendor", `${name}@${version}`, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join("node_modules", name, file), target);
  }
}
console.log("GraphiQL's files copied into dist/assets/vendor/");
