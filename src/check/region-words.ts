// Finds the region word in names people give their per-region copies of a thing
// ("orders-south" / "orders-north", "nacos-sh" / "nacos-bj"): names that differ in
// exactly one token (split on - _ .) form a family, and the differing tokens are
// region words. When names could be split two ways ("orders-south" vs
// "payments-south"), the split whose words look like regions and sit last wins.

export interface Family {
  /** The name with the region word replaced by "{region}", e.g. "orders-{region}". */
  readonly pattern: string;
  /** The part of the name that is not the region word, separators trimmed, e.g. "orders". */
  readonly base: string;
  /** Region word → the name that carries it. */
  readonly members: ReadonlyMap<string, string>;
}

const KNOWN = new Set([
  'south', 'north', 'east', 'west', 'central', 'primary', 'secondary', 'dr',
  'sh', 'bj', 'hz', 'gz', 'sz', 'cd', 'shanghai', 'beijing', 'hangzhou', 'guangzhou', 'shenzhen', 'chengdu', 'wuhan',
  'us', 'eu', 'ap', 'apac', 'emea', 'amer', 'cn', 'sg', 'hk', 'jp', 'de', 'uk', 'fr', 'in', 'br', 'au',
]);

/** Does a token look like a region name (south, us, eastus, sh, cn-east's east …)? */
export function looksLikeRegion(word: string): boolean {
  const w = word.toLowerCase();
  return KNOWN.has(w) || /(north|south|east|west|central)/.test(w) || /^(us|eu|ap|cn|sa|me|af|ca)\d$/.test(w) || /^(region|zone|dc|site|idc)\d+$/.test(w);
}

const tokenize = (name: string): string[] => name.split(/([-_.])/);

/** A token a Kubernetes/topology region name can be made of. */
const usable = (w: string) => /^[a-z][a-z0-9]*$/.test(w.toLowerCase());

interface Candidate {
  pattern: string;
  base: string;
  position: number;
  last: boolean;
  members: Map<string, string>;
}

/** Every way two names of the list differ in exactly one token. */
function candidates(names: readonly string[]): Candidate[] {
  const byPattern = new Map<string, Candidate>();
  const toks = names.map(tokenize);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = toks[i]!;
      const b = toks[j]!;
      if (a.length !== b.length) continue;
      const diff = a.flatMap((t, k) => (t !== b[k] ? [k] : []));
      if (diff.length !== 1) continue;
      const k = diff[0]!;
      if (!usable(a[k]!) || !usable(b[k]!)) continue;
      const pattern = [...a.slice(0, k), '{region}', ...a.slice(k + 1)].join('');
      const base = [...a.slice(0, k), ...a.slice(k + 1)].join('').replace(/^[-_.]+|[-_.]+$/g, '').replace(/([-_.])[-_.]+/g, '$1');
      // two names with nothing in common are two services, not one service in two regions
      if (base === '') continue;
      const c = byPattern.get(pattern) ?? { pattern, base, position: k, last: k === a.length - 1, members: new Map() };
      c.members.set(a[k]!.toLowerCase(), names[i]!);
      c.members.set(b[k]!.toLowerCase(), names[j]!);
      byPattern.set(pattern, c);
    }
  }
  return [...byPattern.values()];
}

function score(c: Candidate, wordFamilies: Map<string, number>): number {
  const words = [...c.members.keys()];
  const known = words.filter(looksLikeRegion).length;
  // a word that is the region word of several families is more likely a region
  const shared = words.reduce((s, w) => s + (wordFamilies.get(w) ?? 0), 0);
  return c.members.size + 3 * known + shared + (c.last ? 1 : 0);
}

/**
 * Families of names that differ only by a region word, best first; each name in at
 * most one family. Names in no family are left out.
 */
export function regionFamilies(names: readonly string[]): Family[] {
  const unique = [...new Set(names)];
  const cands = candidates(unique);
  const wordFamilies = new Map<string, number>();
  for (const c of cands) for (const w of c.members.keys()) wordFamilies.set(w, (wordFamilies.get(w) ?? 0) + 1);
  const ranked = cands.map((c) => ({ c, s: score(c, wordFamilies) })).sort((x, y) => y.s - x.s || x.c.pattern.localeCompare(y.c.pattern));
  const used = new Set<string>();
  const chosen: Family[] = [];
  const chosenWords = new Set<string>();
  for (const { c } of ranked) {
    const members = [...c.members].filter(([, n]) => !used.has(n));
    if (members.length < 2) continue;
    // once some region words are chosen, a family must share at least one of them
    if (chosenWords.size > 0 && !members.some(([w]) => chosenWords.has(w))) continue;
    for (const [w, n] of members) (used.add(n), chosenWords.add(w));
    chosen.push({ pattern: c.pattern, base: c.base, members: new Map(members) });
  }
  return chosen;
}

/** The region words of families, in the order their names first appear in `names`. */
export function regionsOf(families: readonly Family[], names: readonly string[]): string[] {
  const at = (w: string) => Math.min(...families.flatMap((f) => (f.members.has(w) ? [names.indexOf(f.members.get(w)!)] : [])).filter((i) => i >= 0), Infinity);
  const words = [...new Set(families.flatMap((f) => [...f.members.keys()]))];
  return words.sort((a, b) => at(a) - at(b) || a.localeCompare(b));
}

/** The region word of one name, if it carries exactly one of the given regions as a token. */
export function regionIn(name: string, regions: readonly string[]): string | undefined {
  const toks = new Set(name.toLowerCase().split(/[-_./]/));
  const hits = regions.filter((r) => toks.has(r) || (r.includes('-') && name.toLowerCase().includes(r)));
  return hits.length === 1 ? hits[0] : undefined;
}
