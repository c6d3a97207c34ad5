// GraphiQL for Unsilo: every script, style and request stays on the page's own origin, so the
// IDE works without internet and under the page's Content-Security-Policy (no inline script).
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";
import "./page.css";

const root = document.getElementById("graphiql");
// Configuration comes from data- attributes: the page carries no inline script.
const endpoint = root.dataset.endpoint || "/graphql";

const fetcher = createGraphiQLFetcher({
  url: new URL(endpoint, window.location.href).toString(),
  // One JSON answer per request: no incremental delivery, which the service does not offer.
  enableIncrementalDelivery: false,
  // Lower case, so that it replaces the fetcher's own `accept` rather than joining it.
  headers: { accept: "application/graphql-response+json" },
});

createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    // The headers editor is where a bearer token goes ({"Authorization": "Bearer ..."}); it is
    // not saved in the browser's storage, so a token does not outlive the tab.
    isHeadersEditorEnabled={true}
    shouldPersistHeaders={false}
    defaultHeaders={'{\n  "Authorization": "Bearer "\n}'}
  />,
);
