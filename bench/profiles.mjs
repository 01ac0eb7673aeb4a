// Deterministic (seeded) enterprise profiles for the side-by-side benchmark: plain JS
// objects in the API's units, as a questionnaire produces them part-way or fully
// answered. Regions are the documents' provinces, cities and counties plus provinces no
// document covers; industries are codes at every level (some too coarse for the size
// standard, some outside it); figures are log-uniform and correlated with the head count;
// each question is left unanswered with some probability; the measure-specific yes/no
// questions (from the catalogue's attributes) are mostly unanswered, as in the widget.
// Every profile is valid (policy-matcher reports no error for it: the agreement test checks).

/** mulberry32: a small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = [
  // Hainan, Haikou and a district of it, Sanya
  '460000', '460100', '460105', '460200',
  // Hunan, Changsha, a district
  '430000', '430100', '430104',
  // Qinghai, Xining, a district
  '630000', '630100', '630104',
  // Fujian, Xiamen and its districts, Fuzhou, Quanzhou, Longyan
  '350000', '350200', '350203', '350206', '350100', '350500', '350800',
  // Guangdong, Guangzhou, Shenzhen and a district
  '440000', '440100', '440300', '440305',
  // provinces no document covers (national measures only)
  '110000', '310115', '320500', '510100', '650000',
];

const INDUSTRIES = [
  'C', 'C13', 'C39', 'C398', 'C3981', 'C26', 'C34', 'B06', 'D44', 'A', 'A01', 'A05', 'E47', 'E48',
  'F', 'F51', 'F52', 'F5211', 'G', 'G54', 'G59', 'G591', 'G599', 'G60', 'G53', 'H', 'H61', 'H62',
  'I', 'I63', 'I64', 'I65', 'I6510', 'J66', 'K', 'K7010', 'K702', 'K703', 'K704', 'L72', 'L71',
  'M73', 'M75', 'N77', 'O80', 'P83', 'Q84', 'Q85', 'R86', 'S91',
];

const QUALIFICATIONS = ['innovative_sme', 'specialized_sme', 'little_giant', 'single_champion', 'high_tech', 'tech_sme', 'above_designated_size'];

/**
 * `count` profiles from `seed`. `attributes` is catalogue.json's list (from the exporter):
 * its measure-specific yes/no questions are answered now and then.
 */
export function generateProfiles(count, seed, attributes) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const logUniform = (lo, hi) => Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo)));
  const specifics = attributes.filter((a) => a.type === 'bool' && !a.derived).map((a) => a.id);
  const profiles = [];
  for (let n = 0; n < count; n++) {
    const p = {};
    // How far the visitor got: from nearly nothing to everything.
    const answered = 0.25 + 0.75 * r();
    const ask = (share = 1) => r() < answered * share;
    if (ask(1.3)) p.region = pick(REGIONS);
    const individual = r() < 0.12;
    if (ask(1.1)) p.entity_type = individual ? 'individual_business' : 'enterprise';
    if (ask(1.2)) p.industry = pick(INDUSTRIES);
    const heads = Math.round(individual ? logUniform(1, 30) : logUniform(1, 3000)) - 1;
    if (ask(1.1)) p.employees = heads;
    const perHead = logUniform(5e4, 3e6);
    if (ask()) p.revenue = Math.round((heads + 1) * perHead);
    if (ask(0.8)) p.total_assets = Math.round((heads + 1) * perHead * logUniform(0.2, 3));
    if (ask(0.7)) p.taxable_income = Math.round((heads + 1) * perHead * (r() * 0.25 - 0.05));
    if (ask(0.8)) {
      const y = 1990 + Math.floor(r() * 36);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      p.established = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
    if (ask(0.8)) p.qualifications = r() < 0.5 ? [] : QUALIFICATIONS.filter(() => r() < 0.2);
    if (ask(0.7)) p.taxpayer = r() < 0.6 ? 'small_scale' : 'general';
    if (ask(0.6)) p.monthly_sales = Math.round(logUniform(1e4, 5e6));
    for (const id of specifics) {
      if (ask(0.35)) p[id] = r() < 0.5;
    }
    profiles.push(p);
  }
  return profiles;
}
