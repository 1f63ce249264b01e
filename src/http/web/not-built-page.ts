// What `/` answers when the web UI was never built (a checkout where `npm install` skipped or failed its
// build step): say so and how to fix it, instead of a bare 404. The API works regardless.
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postdesk: the web UI is not built</title></head>
<body>
<h1>The web UI is not built</h1>
<p>This Postdesk server is running and its API answers under <code>/api/v1</code>, but the web UI's files
(<code>web/dist</code>) are missing.</p>
<p>Build them with <code>npm run build:web</code> (or run <code>npm install</code>, which builds them), then reload this page.
No restart is needed.</p>
</body></html>
`;
