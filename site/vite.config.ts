import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [preact()],
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false },
  // `npm run dev` talks to a running `papers-graph serve`.
  server: { proxy: { "/graphql": "http://127.0.0.1:8000" } },
});
