//! Generates a synthetic enterprise register for the batch benchmark (README, "Batch
//! matching"): `cargo run --release --example gen_enterprises -- N csv|jsonl > FILE`.
//!
//! The rows look like a 市场监管/税务 export: Chinese headers, amounts in 万元 (CSV) or
//! yuan (JSONL), region codes in and outside the catalogue's jurisdictions, industry
//! codes of every coarseness, skewed sizes, a few qualifications and 个体工商户, and about
//! one row in a thousand with a bad cell (as real exports have). Deterministic (fixed
//! seed): the same N gives the same file. Synthetic — no real enterprise is described.

use std::io::{BufWriter, Write};

/// splitmix64: small, fast, deterministic.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const REGIONS: &[&str] = &[
    "350203", "350206", "350211", "350102", "350582", "350200", "460105", "460106", "460202", "460100", "430102", "430104", "430202",
    "430100", "630102", "630104", "630100", "440305", "440106", "440100", "110105", "310115", "330106", "320506", "510107", "420106",
];
const INDUSTRIES: &[&str] = &[
    "C39", "C38", "C34", "C13", "C18", "C3981", "C", "I65", "I64", "F51", "F52", "H61", "H62", "E47", "E48", "A01", "G54", "G58",
    "L72", "M73", "M75", "K70", "O80", "R86", "P83", "J66", "D44", "B06",
];
const QUALIFICATIONS: &[&str] = &["创新型中小企业", "专精特新中小企业", "专精特新“小巨人”企业", "高新技术企业", "科技型中小企业", "规模以上企业"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let jsonl = args.get(1).map(String::as_str) == Some("jsonl");
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    generate(n, jsonl, &mut out);
    let _ = out.flush();
}

/// Writes `n` enterprises as CSV (with its header) or JSON Lines. Also used by
/// tests/batch.rs for an agreement run on a small register.
pub fn generate(n: u64, jsonl: bool, out: &mut impl Write) {
    let mut rng = Rng(0x5eed_2024);
    if !jsonl {
        let _ = out.write_all("\u{feff}企业名称,统一社会信用代码,所在地,行业代码,从业人员,营业收入（万元）,资产总额（万元）,成立日期,市场主体类型,资质,纳税人类型\n".as_bytes());
    }
    for i in 0..n {
        let region = rng.pick(REGIONS);
        let industry = rng.pick(INDUSTRIES);
        // Sizes skewed small: most enterprises have a handful of staff.
        let employees = (rng.unit().powi(4) * 1200.0) as u64 + 1;
        let revenue_wan = ((employees as f64) * (20.0 + rng.unit() * 180.0)).round();
        let assets_wan = (revenue_wan * (0.3 + rng.unit() * 1.5)).round();
        let established = format!("{}-{:02}-{:02}", 1995 + rng.below(30), 1 + rng.below(12), 1 + rng.below(28));
        let individual = rng.below(10) == 0;
        let quals: Vec<&str> = if rng.below(3) == 0 { QUALIFICATIONS.iter().filter(|_| rng.below(6) == 0).copied().collect() } else { Vec::new() };
        let known_quals = rng.below(2) == 0;
        let taxpayer = if rng.below(3) == 0 { "一般纳税人" } else { "小规模纳税人" };
        let name = format!("测试企业{i:07}");
        let code = format!("91{:06}MA{:08X}", &region[..6], rng.next() as u32);
        let bad = rng.below(1000) == 0;
        if jsonl {
            let quals_json = if known_quals { format!(",\"qualifications\":[{}]", quals.iter().map(|q| format!("\"{}\"", qualification_id(q))).collect::<Vec<_>>().join(",")) } else { String::new() };
            let employees_json = if bad { "\"不详\"".to_string() } else { employees.to_string() };
            let _ = writeln!(
                out,
                "{{\"name\":\"{name}\",\"统一社会信用代码\":\"{code}\",\"region\":\"{region}\",\"industry\":\"{industry}\",\"employees\":{employees_json},\"revenue\":{},\"total_assets\":{},\"established\":\"{established}\",\"entity_type\":\"{}\",\"taxpayer\":\"{}\"{quals_json}}}",
                revenue_wan * 10_000.0,
                assets_wan * 10_000.0,
                if individual { "individual_business" } else { "enterprise" },
                if taxpayer == "一般纳税人" { "general" } else { "small_scale" },
            );
        } else {
            let quals_text = if known_quals { if quals.is_empty() { "无".to_string() } else { quals.join("、") } } else { String::new() };
            let employees_text = if bad { "不详".to_string() } else { employees.to_string() };
            let _ = writeln!(
                out,
                "{name},{code},{region},{industry},{employees_text},{revenue_wan},{assets_wan},{established},{},{quals_text},{taxpayer}",
                if individual { "个体工商户" } else { "企业" },
            );
        }
    }
}

fn qualification_id(label: &str) -> &'static str {
    match label {
        "创新型中小企业" => "innovative_sme",
        "专精特新中小企业" => "specialized_sme",
        "专精特新“小巨人”企业" => "little_giant",
        "高新技术企业" => "high_tech",
        "科技型中小企业" => "tech_sme",
        _ => "above_designated_size",
    }
}
