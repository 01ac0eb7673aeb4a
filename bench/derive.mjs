// The derived facts every alternative engine needs and policy-matcher computes inside:
// `size` (大/中/小/微 per 工信部联企业〔2011〕300号 with the 2017 mapping of industry codes)
// and `small_low_profit` (小型微利企业, 财政部 税务总局公告2023年第12号). A JS port of
// src/size.rs `place`/`classify` and src/profile.rs `SmallLowProfit`, over the table the
// exporter writes from `size::GROUPS` (derive.json). Every alternative engine runs it on
// every profile, inside its timing, so all engines start from the same plain profile.
//
// `size` is the list of sizes still possible (["small", "micro"] when the known figures
// leave both open), or null when nothing is settled — the same set policy-matcher keeps,
// so `size in [small, micro]` is true, false or unknown exactly as it is there.
// The agreement test checks both facts against `matchProfile`'s `derived`.

const [AGRI, INDUSTRY, CONSTRUCTION, WHOLESALE, RETAIL, TRANSPORT, WAREHOUSE, POSTAL, HOTEL, CATERING, INFO, SOFTWARE,
  REAL_ESTATE, PROPERTY, LEASING, OTHER] = Array.from({ length: 16 }, (_, i) => i);
const NONE = -1; // not covered by the standard, or a code too coarse to place

/** The row of the size table an industry code falls in (src/size.rs `place`). */
export function place(industry) {
  const s = industry[0];
  const d = industry.slice(1);
  const div = d.length >= 2 ? Number(d.slice(0, 2)) : null;
  switch (s) {
    case 'A': return AGRI;
    case 'B': case 'C': case 'D': return INDUSTRY;
    case 'E': return CONSTRUCTION;
    case 'F': return div === null ? NONE : div === 51 ? WHOLESALE : RETAIL;
    case 'G':
      if (div === null || div === 53) return NONE;
      if (div >= 54 && div <= 58) return TRANSPORT;
      if (div === 59) return d.startsWith('591') ? TRANSPORT : d.length > 2 ? WAREHOUSE : NONE;
      return POSTAL;
    case 'H': return div === null ? NONE : div === 61 ? HOTEL : CATERING;
    case 'I': return div === null ? NONE : div === 63 || div === 64 ? INFO : SOFTWARE;
    case 'K':
      if (d.startsWith('701')) return REAL_ESTATE;
      if (d.startsWith('702')) return PROPERTY;
      if (d.startsWith('703') || d.startsWith('709')) return OTHER;
      return NONE;
    case 'L': return LEASING;
    case 'M': case 'N': case 'O': case 'R': return OTHER;
    case 'Q': return div === 85 ? OTHER : NONE;
    default: return NONE; // J (its own standard), P, S, T
  }
}

/**
 * Returns `{ derived, withDerived }` for the size table: `derived(profile)` → `{ size,
 * small_low_profit }` (what the generated JS reads beside the profile), and
 * `withDerived(profile)` → a new object, the profile with both added (what the rule
 * engines take as their data). No allocation beyond the result: the size lists are shared.
 */
export function makeDerive({ size_groups: groups, size_names: names }) {
  const rows = groups.map((g) => g.bounds.map(([attribute, bounds]) => ({ attribute, bounds, money: attribute !== 'employees' })));
  const exactly = names.map((n) => Object.freeze([n]));
  const atMost = names.map((_, tier) => Object.freeze(names.slice(tier)));

  function size(p) {
    if (p.industry == null) return null;
    const row = place(p.industry);
    if (row === NONE) return null;
    let lowest = 0;
    let missing = false;
    for (const { attribute, bounds, money } of rows[row]) {
      const v = p[attribute];
      if (v == null) {
        missing = true;
        continue;
      }
      const x = money ? v / 10000 : v;
      const tier = x >= bounds[0] ? 0 : x >= bounds[1] ? 1 : x >= bounds[2] ? 2 : 3;
      if (tier > lowest) lowest = tier;
    }
    if (!missing || lowest === 3) return exactly[lowest];
    return lowest === 0 ? null : atMost[lowest]; // null: all four still possible
  }

  function smallLowProfit(p) {
    if (p.entity_type === 'individual_business') return false;
    const { taxable_income: t, employees: e, total_assets: a } = p;
    if ((t != null && t > 3_000_000) || (e != null && e > 300) || (a != null && a > 50_000_000)) return false;
    return t == null || e == null || a == null ? null : true;
  }

  return {
    derived: (p) => ({ size: size(p), small_low_profit: smallLowProfit(p) }),
    withDerived: (p) => ({ ...p, size: size(p), small_low_profit: smallLowProfit(p) }),
  };
}
