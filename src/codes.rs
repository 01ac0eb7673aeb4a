//! Administrative division codes (GB/T 2260) and industry codes (GB/T 4754-2017):
//! validation, containment, and the names the questionnaire shows.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::region_codes as RC;

/// A GB/T 2260 code, kept as its significant prefix: `350000` → "35" (a province),
/// `350200` → "3502" (a city), `350203` → "350203" (a county).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    code: u32,
}

/// The provinces (province-level divisions) of GB/T 2260: code prefix, name, English name.
pub const PROVINCES: [(u32, &str, &str); 34] = [
    (11, "北京市", "Beijing"), (12, "天津市", "Tianjin"), (13, "河北省", "Hebei"),
    (14, "山西省", "Shanxi"), (15, "内蒙古自治区", "Inner Mongolia"), (21, "辽宁省", "Liaoning"),
    (22, "吉林省", "Jilin"), (23, "黑龙江省", "Heilongjiang"), (31, "上海市", "Shanghai"),
    (32, "江苏省", "Jiangsu"), (33, "浙江省", "Zhejiang"), (34, "安徽省", "Anhui"),
    (35, "福建省", "Fujian"), (36, "江西省", "Jiangxi"), (37, "山东省", "Shandong"),
    (41, "河南省", "Henan"), (42, "湖北省", "Hubei"), (43, "湖南省", "Hunan"),
    (44, "广东省", "Guangdong"), (45, "广西壮族自治区", "Guangxi"), (46, "海南省", "Hainan"),
    (50, "重庆市", "Chongqing"), (51, "四川省", "Sichuan"), (52, "贵州省", "Guizhou"),
    (53, "云南省", "Yunnan"), (54, "西藏自治区", "Tibet"), (61, "陕西省", "Shaanxi"),
    (62, "甘肃省", "Gansu"), (63, "青海省", "Qinghai"), (64, "宁夏回族自治区", "Ningxia"),
    (65, "新疆维吾尔自治区", "Xinjiang"), (71, "台湾省", "Taiwan"),
    (81, "香港特别行政区", "Hong Kong"), (82, "澳门特别行政区", "Macao"),
];

/// The cities the source documents name (from the shared reference).
pub const CITIES: [(u32, &str, &str); 9] = [
    (460100, "海口市", "Haikou"), (460200, "三亚市", "Sanya"), (430100, "长沙市", "Changsha"),
    (630100, "西宁市", "Xining"), (350100, "福州市", "Fuzhou"), (350200, "厦门市", "Xiamen"),
    (350500, "泉州市", "Quanzhou"), (350800, "龙岩市", "Longyan"), (440100, "广州市", "Guangzhou"),
];

impl Region {
    /// Parses a 6-digit code of a known division (src/region_codes.rs, generated from
    /// GB/T 2260 data with src/data/regions.tsv): its province always; its city whenever
    /// the city digits are not 00; its county when the county digits are not 00 and the
    /// counties of that province (福建, 湖南, 广东, 海南, 青海) or of that grouping (省直辖
    /// 县级行政区划, xx90) are listed. Elsewhere county digits cannot be checked and are accepted.
    pub fn parse(s: &str) -> Option<Region> {
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code: u32 = s.parse().ok()?;
        let (province, city) = (code / 10000, code / 100);
        let known = PROVINCES.iter().any(|p| p.0 == province)
            && (city % 100 == 0 && code % 100 == 0
                || RC::CITIES.binary_search(&(city as u16)).is_ok()
                    && (code % 100 == 0
                        || !(RC::COUNTY_PROVINCES.contains(&province) || city % 100 == 90)
                        || RC::COUNTIES.binary_search(&code).is_ok()));
        known.then_some(Region { code })
    }

    /// "000000": the whole country, for national documents.
    pub const NATIONAL: Region = Region { code: 0 };

    pub fn code(self) -> u32 {
        self.code
    }

    /// How many leading digits are significant (0 for the nation, 2, 4 or 6).
    fn depth(self) -> u32 {
        match self.code {
            0 => 0,
            c if c % 10000 == 0 => 2,
            c if c % 100 == 0 => 4,
            _ => 6,
        }
    }

    fn prefix(self, digits: u32) -> u32 {
        // Constant divisors (a division by 10^(6 − digits) computed at run time was a
        // twentieth of the whole-catalogue decision).
        match digits {
            0 => 0,
            2 => self.code / 10_000,
            4 => self.code / 100,
            _ => self.code,
        }
    }

    /// Whether this region lies within `area`: `Some(true)`/`Some(false)`, or `None`
    /// when this region is coarser than `area` and may or may not lie in it.
    pub fn within(self, area: Region) -> Option<bool> {
        let (d, a) = (self.depth(), area.depth());
        let shared = d.min(a);
        if self.prefix(shared) != area.prefix(shared) {
            Some(false)
        } else if d >= a {
            Some(true)
        } else {
            None
        }
    }

    /// The region's name where it is a province or a city the sources name, with the code.
    pub fn describe(self, en: bool) -> String {
        if self.code == 0 {
            return if en { "nationwide".into() } else { "全国".into() };
        }
        let name = CITIES
            .iter()
            .find(|c| c.0 == self.code)
            .map(|c| if en { c.2 } else { c.1 })
            .or_else(|| {
                (self.depth() == 2)
                    .then(|| PROVINCES.iter().find(|p| p.0 == self.code / 10000))
                    .flatten()
                    .map(|p| if en { p.2 } else { p.1 })
            });
        match name {
            Some(n) if en => format!("{n} ({:06})", self.code),
            Some(n) => format!("{n}（{:06}）", self.code),
            None => self.describe_within(en),
        }
    }

    /// A code without a name of its own, named by the city or province that holds it.
    fn describe_within(self, en: bool) -> String {
        let city = CITIES.iter().find(|c| c.0 == self.code / 100 * 100);
        let province = PROVINCES.iter().find(|p| p.0 == self.code / 10000);
        match (city, province, en) {
            (Some(c), _, false) => format!("{}下辖区县（{:06}）", c.1, self.code),
            (Some(c), _, true) => format!("a county of {} ({:06})", c.2, self.code),
            (None, Some(p), false) => format!("{}下辖地区（{:06}）", p.1, self.code),
            (None, Some(p), true) => format!("an area of {} ({:06})", p.2, self.code),
            (None, None, _) => format!("{:06}", self.code),
        }
    }
}

/// A GB/T 4754-2017 industry code: a section letter and 0, 2, 3 or 4 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Industry {
    bytes: [u8; 5],
    len: u8,
}

/// The sections of GB/T 4754-2017 with the divisions each holds.
pub const SECTIONS: [(char, u8, u8, &str, &str); 20] = [
    ('A', 1, 5, "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ('B', 6, 12, "采矿业", "Mining"),
    ('C', 13, 43, "制造业", "Manufacturing"),
    ('D', 44, 46, "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"),
    ('E', 47, 50, "建筑业", "Construction"),
    ('F', 51, 52, "批发和零售业", "Wholesale and retail"),
    ('G', 53, 60, "交通运输、仓储和邮政业", "Transport, storage and post"),
    ('H', 61, 62, "住宿和餐饮业", "Accommodation and catering"),
    ('I', 63, 65, "信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    ('J', 66, 69, "金融业", "Finance"),
    ('K', 70, 70, "房地产业", "Real estate"),
    ('L', 71, 72, "租赁和商务服务业", "Leasing and business services"),
    ('M', 73, 75, "科学研究和技术服务业", "Scientific research and technical services"),
    ('N', 76, 79, "水利、环境和公共设施管理业", "Water, environment and public facilities"),
    ('O', 80, 82, "居民服务、修理和其他服务业", "Residential, repair and other services"),
    ('P', 83, 83, "教育", "Education"),
    ('Q', 84, 85, "卫生和社会工作", "Health and social work"),
    ('R', 86, 90, "文化、体育和娱乐业", "Culture, sports and entertainment"),
    ('S', 91, 96, "公共管理、社会保障和社会组织", "Public administration and social organisations"),
    ('T', 97, 97, "国际组织", "International organisations"),
];

/// Finer codes the questionnaire offers where the size standard needs them.
pub const FINER_CODES: [(&str, &str, &str); 20] = [
    ("F51", "批发业", "Wholesale"), ("F52", "零售业", "Retail"),
    ("G53", "铁路运输业", "Rail transport"), ("G54", "道路运输业", "Road transport"),
    ("G55", "水上运输业", "Water transport"), ("G56", "航空运输业", "Air transport"),
    ("G57", "管道运输业", "Pipeline transport"), ("G58", "多式联运和运输代理业", "Multimodal transport and forwarding"),
    ("G59", "装卸搬运和仓储业", "Handling and storage"), ("G60", "邮政业", "Postal services"),
    ("H61", "住宿业", "Accommodation"), ("H62", "餐饮业", "Catering"),
    ("I63", "电信、广播电视和卫星传输服务", "Telecom, broadcast and satellite transmission"),
    ("I64", "互联网和相关服务", "Internet and related services"),
    ("I65", "软件和信息技术服务业", "Software and IT services"),
    ("K7010", "房地产开发经营", "Real estate development"), ("K702", "物业管理", "Property management"),
    ("K703", "房地产中介服务", "Real estate agency"), ("Q84", "卫生", "Health"), ("Q85", "社会工作", "Social work"),
];

impl Industry {
    /// Parses `C`, `C39`, `C398` or `C3981` (lower-case letters accepted), checking that
    /// the division belongs to the section.
    pub fn parse(s: &str) -> Option<Industry> {
        let s = s.trim();
        let mut chars = s.chars();
        let letter = chars.next()?.to_ascii_uppercase();
        let digits = chars.as_str();
        if !matches!(digits.len(), 0 | 2..=4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let section = SECTIONS.iter().find(|s| s.0 == letter)?;
        if digits.len() >= 2 {
            let division: u8 = digits[..2].parse().ok()?;
            if division < section.1 || division > section.2 {
                return None;
            }
        }
        let mut bytes = [0u8; 5];
        bytes[0] = letter as u8;
        bytes.get_mut(1..=digits.len())?.copy_from_slice(digits.as_bytes());
        Some(Industry { bytes, len: 1 + digits.len() as u8 })
    }

    pub fn as_str(&self) -> &str {
        self.bytes.get(..self.len as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    pub fn section(&self) -> char {
        self.bytes[0] as char
    }

    /// The digits after the letter ("" for a bare section).
    pub fn digits(&self) -> &str {
        &self.as_str()[1..]
    }

    /// Whether this industry falls under `prefix`: `Some(true)`/`Some(false)`, or `None`
    /// when this code is coarser than `prefix` and may or may not fall under it.
    pub fn under(&self, prefix: &Industry) -> Option<bool> {
        let (a, b) = (self.as_str(), prefix.as_str());
        if a.starts_with(b) {
            Some(true)
        } else if b.starts_with(a) {
            None
        } else {
            Some(false)
        }
    }

    /// The section's or finer code's name with the code.
    pub fn describe(&self, en: bool) -> String {
        let name = FINER_CODES
            .iter()
            .find(|c| c.0 == self.as_str())
            .map(|c| if en { c.2 } else { c.1 })
            .or_else(|| {
                (self.len == 1)
                    .then(|| SECTIONS.iter().find(|s| s.0 == self.section()))
                    .flatten()
                    .map(|s| if en { s.4 } else { s.3 })
            });
        match name {
            Some(n) => format!("{} {n}", self.as_str()),
            None => self.as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Region {
        Region::parse(s).unwrap()
    }

    #[test]
    fn regions_validate_and_nest() {
        assert!(Region::parse("990000").is_none());
        assert!(Region::parse("35020").is_none());
        assert!(Region::parse("35a203").is_none());
        assert_eq!(r("350203").within(r("350000")), Some(true));
        assert_eq!(r("350203").within(r("350200")), Some(true));
        assert_eq!(r("350100").within(r("350200")), Some(false));
        assert_eq!(r("350000").within(r("350200")), None);
        assert_eq!(r("460100").within(r("350000")), Some(false));
        assert_eq!(r("460100").within(Region::NATIONAL), Some(true));
        assert_eq!(r("350200").describe(false), "厦门市（350200）");
        assert_eq!(r("350000").describe(true), "Fujian (350000)");
        assert_eq!(r("350206").describe(false), "厦门市下辖区县（350206）");
        assert_eq!(r("350300").describe(true), "an area of Fujian (350300)");
        // City and county digits are checked as far as the table goes.
        for ok in ["350206", "110105", "110100", "511100", "419001", "469001", "710000", "810000"] {
            assert!(Region::parse(ok).is_some(), "{ok}");
        }
        // No city 99 in Fujian, no district 99 in Xiamen, a development zone the statistics
        // number 430371, no city under Hong Kong.
        for bad in ["359900", "350299", "430371", "810100", "000000"] {
            assert!(Region::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn industries_validate_and_nest() {
        for ok in ["C", "c39", "C398", "C3981", "K7010", "F52"] {
            assert!(Industry::parse(ok).is_some(), "{ok}");
        }
        for bad in ["", "C3", "C39812", "X", "C51", "A06", "39", "CC"] {
            assert!(Industry::parse(bad).is_none(), "{bad}");
        }
        let c39 = Industry::parse("C39").unwrap();
        assert_eq!(c39.under(&Industry::parse("C").unwrap()), Some(true));
        assert_eq!(Industry::parse("C").unwrap().under(&c39), None);
        assert_eq!(c39.under(&Industry::parse("D").unwrap()), Some(false));
    }
}
