/** The "Method" part of results.md: how every number was taken. */
export const method = `
- **Figures.** Every figure is the median of the runs (5 in a full run) with (min–max). Latency
  percentiles (p50, p95) are computed within each run, then summarized across runs. Pairs that
  are compared as ratios ran interleaved in the same process (push: alternating order per run;
  idle pull: round-robin with a rotating first variant), and the ratio is taken per run.
- **Server path.** \`startLocalStack({ dataDir: null, webDist: null, quiet: true,
  rateLimitPerMinute: 1_000_000 })\` in the bench process: dynalite (in memory), the dev OpenID
  provider, and the API Gateway adapter that verifies the RS256 ID token on every request and
  invokes the shipped Lambda handler with a payload-2.0 event. Users sign in with the real
  code + PKCE flow (\`signIn\` / \`createAccount\`). "Handler" rows call
  \`createLambdaHandler(config)\` in-process with the event the adapter would build (string
  claims from the same ID token): the same code minus HTTP and JWT verification.
- **DynamoDB counts.** Counted where they land: at dynalite's HTTP server, through Node's
  \`http.server.request.start\` diagnostics channel (requests by X-Amz-Target; items read =
  ScannedCount of each Query/Scan, 1 per GetItem that found an item). Nothing in the product is
  wrapped or replaced, so counts through the real adapter are exact.
- **Seeding.** Histories of 50,000 messages cannot go through the API in the time budget, so
  they are written with BatchWriteItem straight into dynalite, shaped as \`DynamoSyncStore\`
  leaves a completed send (\`state: 'done'\`, \`serverTime\`, \`compositeNamespace\`,
  \`hidden: false\`) and both contact rows as the send's upserts leave them (\`updatedAt =
  lastMessageAt\` = the conversation's last stamp). A pull from scratch over the first size
  must return every seeded message and contact, or the bench fails. For idle pulls each
  (history, contacts) pair is its own user, all seeded before any poll so every size is polled
  in the same runs; the cursor comes from a real pull made before seeding and every seeded row
  is stamped a day before its horizon. For the catch-up, the 10,000 messages are stamped after
  the horizon of the cursor a real pull returned just before (pulls only read, so each run
  starts again from that cursor).
- **The original's poll shape.** Two complete queries (all pages) of the open conversation's
  \`compositeNamespace-serverTime\` index, the original kept both \`a:::b\` and \`b:::a\`,
  answered as JSON; in-process with the handler's SDK client settings.
- **Memory.** Server: peak RSS of the bench process, which hosts the whole local stack, sampled
  every 50 ms. A full GC runs after each seeding phase so seeding garbage is not collected
  during timed polls.
- **Client.** Chromium (headless, Playwright) on \`web/dist\` served by the local stack's app
  server, once per data size (200 contacts and a 10,000-message conversation; 1,000 contacts
  and a 100,000-message one; each other contact has one message). The bench signs in through
  the app and the OpenID page, seeds the server, captures the real pull over HTTP, and feeds
  it to the app's own sync loop \`syncOnce\` through a transport in the page (bundled from
  \`web/src\` with esbuild and evaluated in a page of the app's origin), which groups pages
  into transactions as it does for real; the first run fills the app's database. Cold starts relaunch Chromium on the same profile with
  the network off and the stack stopped. "Painted" is the first frame after the DOM change
  (a requestAnimationFrame callback, then a posted message). JS heap: CDP
  \`Performance.getMetrics\` (JSHeapUsedSize) once the list has painted, and its peak sampled
  every 50 ms.
- **Load.** Other work on the machine shares its cores; the 1-minute load average at the start
  and the end of the run is in the header above.
- **Landing page.** The production build served by the local stack's app server, which
  compresses and caches as the contract says CloudFront does (brotli, else gzip). Lighthouse
  (the \`lighthouse\` package's default: mobile, simulated throttling; performance,
  accessibility, best practices, SEO) in a fresh headless Chromium per run, 3 runs, medians;
  LCP and TBT are its simulated values, transferred is its total-byte-weight. "Transferred on
  a first visit" is Chromium's own count (CDP \`encodedDataLength\`) of every response the page
  received until the network was quiet for a second, the idle-time prefetch of the chat app
  included; the service worker's precache fetches run in the worker and count in neither.
  The tiny run measures that count only.
- **Runs.** \`npm run bench\` writes bench/results.json, results.md and idle-pull.svg;
  \`npm run bench -- --tiny\` runs everything once at small sizes into bench/tmp/.
`;
