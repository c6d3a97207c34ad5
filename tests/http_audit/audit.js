// Runs the GraphQL-over-HTTP audit (graphql-http's auditServer) against the URL given as the
// only argument and prints one JSON array: {id, name, status, reason, responseStatus, body}.
// Exits 0 whatever the results: judging them is the caller's (tests/test_http_audit.py).
"use strict";

const { auditServer } = require("graphql-http");

async function main() {
  const url = process.argv[2];
  if (!url) {
    throw new Error("usage: node audit.js URL");
  }
  const results = await auditServer({ url });
  const report = [];
  for (const result of results) {
    const entry = { id: result.id, name: result.name, status: result.status };
    if (result.status !== "ok") {
      entry.reason = result.reason;
      entry.responseStatus = result.response.status;
      // The body shows why; a failed audit may have read it already.
      entry.body = await result.response.text().catch(() => "(already read)");
    }
    report.push(entry);
  }
  process.stdout.write(JSON.stringify(report) + "\n");
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
});
