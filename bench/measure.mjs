// Timing and agreement, shared by node (bench/compare.mjs) and the browser (bench/browser.mjs).

/** Runs `decide` on profiles (warm-up), without timing. */
export async function warmUp(decide, profiles, count, isAsync = false) {
  for (let i = 0; i < count; i++) {
    const r = decide(profiles[i % profiles.length]);
    if (isAsync) await r;
  }
}

/**
 * One timed pass of `decide` over every profile: the per-profile times (µs) give the
 * median and p95; a second pass without the per-profile clock reads gives profiles/s
 * (for an async engine, the timed pass's total). With `batch` > 1 each sample is the
 * mean of that many consecutive profiles (for a clock too coarse to time one: a
 * browser's `performance.now()` ticks in 5 µs when cross-origin isolated, 100 µs when not).
 */
export async function timeRound(decide, profiles, isAsync = false, batch = 1) {
  const now = () => performance.now();
  const samples = Math.floor(profiles.length / batch);
  const times = new Float64Array(samples);
  const start = now();
  for (let k = 0; k < samples; k++) {
    const t0 = now();
    for (let i = k * batch; i < (k + 1) * batch; i++) {
      const r = decide(profiles[i]);
      if (isAsync) await r;
    }
    times[k] = ((now() - t0) * 1000) / batch;
  }
  let total = now() - start;
  if (!isAsync) {
    const s = now();
    for (let i = 0; i < profiles.length; i++) decide(profiles[i]);
    total = now() - s;
  }
  times.sort();
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], perSecond: profiles.length / (total / 1000) };
}

/**
 * Times several engines in rounds, round-robin (so that load from other processes falls
 * on all of them alike), and keeps each figure's best round: other work on a shared
 * machine only ever slows a round down. `engines`: name → { decide, isAsync, profiles,
 * rounds?, warmup? }.
 */
export async function timeEngines(engines, { rounds = 3, warmup = 1000, batch = 1 } = {}) {
  const best = {};
  for (const [name, e] of Object.entries(engines)) await warmUp(e.decide, e.profiles, e.warmup ?? Math.min(warmup, e.profiles.length * 2), e.isAsync);
  for (let round = 0; round < rounds; round++) {
    for (const [name, e] of Object.entries(engines)) {
      if (e.rounds !== undefined && round >= e.rounds) continue;
      const r = await timeRound(e.decide, e.profiles, e.isAsync, e.isAsync ? 1 : batch);
      const b = (best[name] ??= { median: Infinity, p95: Infinity, perSecond: 0, profiles: e.profiles.length });
      b.median = Math.min(b.median, r.median);
      b.p95 = Math.min(b.p95, r.p95);
      b.perSecond = Math.max(b.perSecond, r.perSecond);
    }
  }
  return best;
}

/**
 * Compares every engine's statuses with the reference (policy-matcher's) on every profile.
 * Returns { disagreements, examples } per engine, examples naming profile, measure and statuses.
 */
export async function compareOutputs(reference, decide, profiles, measureIds, isAsync = false) {
  let disagreements = 0;
  const examples = [];
  for (let i = 0; i < profiles.length; i++) {
    let got = decide(profiles[i]);
    if (isAsync) got = await got;
    const want = reference[i];
    if (got.length !== want.length) {
      disagreements += want.length;
      if (examples.length < 5) examples.push({ profile: i, problem: `${got.length} statuses, not ${want.length}` });
      continue;
    }
    for (let j = 0; j < want.length; j++) {
      if (got[j] !== want[j]) {
        disagreements++;
        if (examples.length < 5) examples.push({ profile: i, measure: measureIds[j], ours: want[j], theirs: got[j], input: profiles[i] });
      }
    }
  }
  return { disagreements, examples };
}

/** How many measures were seen at least once as eligible, possible and ineligible. */
export function coverage(reference, measures) {
  const seen = [new Set(), new Set(), new Set()];
  for (const out of reference) out.forEach((s, j) => s < 3 && seen[s].add(j));
  const benefits = measures.filter((m) => !m.task);
  // A measure whose every benefit has `checks` is never more than possible.
  const canBeEligible = benefits.filter((m) => m.benefits.some((b) => !b.capped)).length;
  return { measures: benefits.length, canBeEligible, eligible: seen[0].size, possible: seen[1].size, ineligible: seen[2].size };
}
