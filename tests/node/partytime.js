// Reads an RSS feed on stdin with podcast-partytime (the Podcast Index's own parser of the
// Podcasting 2.0 namespace) and prints what it understood as JSON, for tests/test_directories.py.
const { parseFeed } = require("podcast-partytime");

let xml = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { xml += chunk; });
process.stdin.on("end", () => {
  const feed = parseFeed(xml, { allowMissingGuid: false });
  if (!feed) {
    console.error("podcast-partytime could not parse the feed");
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(feed, (key, value) => (value instanceof Date ? value.toISOString() : value)));
});
