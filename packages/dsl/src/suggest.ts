// "Did you mean …": the closest candidates within a small edit distance.

/** Levenshtein distance, bailing out early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = curr[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
      if (curr[j] < rowMin) rowMin = curr[j];
    }
    if (rowMin > max) return max + 1;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length];
}

/** Candidates within `maxDistance` edits of `word`, closest first, then alphabetical. */
export function suggestNames(word: string, candidates: Iterable<string>, maxDistance = 2): string[] {
  const scored: { name: string; d: number }[] = [];
  for (const name of candidates) {
    if (name === word) continue;
    const d = editDistance(word, name, maxDistance);
    if (d <= maxDistance) scored.push({ name, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return scored.map((s) => s.name);
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = suggestNames(word, candidates)[0];
  return best === undefined ? "" : ` (did you mean \`${best}\`?)`;
}
