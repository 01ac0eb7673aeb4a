
// ---- js/decide.d.ts: appended by scripts/build.sh (js/decide.js) ----
/** Each measure's status against the built-in catalogue, in catalogue order (0 eligible, 1 possible, 2 ineligible, 3 task): the fast path for bulk use. */
export function decideProfile(profile: Profile, options?: MatchOptions): Uint8Array;
/** Whether `decideProfile` (of `handle`, else the built-in one) takes the encoded path for these arguments (for tests and benchmarks). */
export function decideEncodes(profile: unknown, options?: unknown, handle?: CatalogueHandle): boolean;
export interface CatalogueHandle {
  /** Each measure's status against this catalogue, as `decideProfile`. */
  decideProfile(profile: Profile, options?: MatchOptions): Uint8Array;
}
