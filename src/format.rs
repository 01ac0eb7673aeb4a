//! Numbers as people read them: 万元 in Chinese, grouped yuan in English.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

/// A plain decimal without trailing zeros (up to 4 places).
pub fn plain(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Yuan as Chinese forms write them: 150000 → "15万元", 120000000 → "1.2亿元", 800 → "800元".
pub fn yuan_zh(v: f64) -> String {
    let a = v.abs();
    if a >= 1e8 && (a / 1e8).fract() == 0.0 || a >= 1e9 {
        format!("{}亿元", plain(v / 1e8))
    } else if a >= 1e4 {
        format!("{}万元", plain(v / 1e4))
    } else {
        format!("{}元", plain(v))
    }
}

/// Yuan with thousands separators: 150000 → "150,000 yuan".
pub fn yuan_en(v: f64) -> String {
    format!("{} yuan", grouped(v))
}

/// A number with thousands separators.
pub fn grouped(v: f64) -> String {
    let p = plain(v.abs());
    let (int, frac) = p.split_once('.').map_or((p.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(yuan_zh(150000.0), "15万元");
        assert_eq!(yuan_zh(60_000_000.0), "6000万元");
        assert_eq!(yuan_zh(200_000_000.0), "2亿元");
        assert_eq!(yuan_zh(1500.0), "1500元");
        assert_eq!(yuan_zh(12345.0), "1.2345万元");
        assert_eq!(yuan_en(1_500_000.0), "1,500,000 yuan");
        assert_eq!(grouped(-1234.5), "-1,234.5");
        assert_eq!(plain(80.0), "80");
    }
}
