// POST /graphql on the page's own origin, with the bearer token the user typed in. The token
// is kept in sessionStorage only: it goes when the tab closes and is never written to disk by
// the page.

const TOKEN_KEY = "unsilo.explorer.token";

export function savedToken() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function saveToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {}

// The data of one operation, or an ApiError with the API's own message (and code).
export async function graphql(query, variables = {}) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  const token = savedToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch("graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
    credentials: "omit",
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`the API answered HTTP ${response.status}`);
  }
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    const code = first.extensions && first.extensions.code;
    throw new ApiError(code ? `${code}: ${first.message}` : first.message);
  }
  return body.data;
}

// An analysis field's result: the wrapper, or an ApiError carrying a typed error's message.
export function analysisOf(data, field) {
  const result = data.organization && data.organization[field];
  if (!result) throw new ApiError("the organization is no longer visible");
  if (!result.report) throw new ApiError(`${result.__typename}: ${result.message}`);
  return result;
}
