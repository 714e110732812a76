// How far back the Google News sitemap reaches: a post leaves it this long after its date, which
// changes the output, so a build that finds nothing changed must know it without the sitemap module.

export const NEWS_WINDOW_MS = 2 * 86_400_000;
