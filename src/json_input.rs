//! JSON text → [`Input`], with the [limits](crate::limits) the wasm boundary applies to
//! JS values, so that the CLI gives the same errors as the package for the same input:
//! a value past a limit becomes [`Input::TooLarge`] (the field's `too_large` error), a
//! number beyond `f64` (`1e400`) is infinite as in `JSON.parse` (`not_a_number`), a
//! leading UTF-8 BOM is ignored as the browser's text decoding ignores it, a repeated
//! key keeps its last value (as `JSON.parse` does), and nesting of any depth neither
//! overflows the stack nor is "not JSON".
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::limits::{Budget, Limit, MAX_ARRAY, MAX_DEPTH, MAX_KEYS, MAX_STRING};
use crate::profile::Input;
use std::collections::HashSet;

/// Parses a JSON text. `Err` is a syntax error (with its byte offset); input past a
/// limit is not an error here but an [`Input::TooLarge`] where it stands (the whole
/// input for the total size).
pub fn parse(text: &str) -> Result<Input, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser { b: text.as_bytes(), i: 0, budget: Budget::default(), over: None };
    p.ws();
    let v = p.value(1)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(match p.over {
        Some(limit) => Input::TooLarge(limit),
        None => v,
    })
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    budget: Budget,
    /// The total-size limit, once broken (the whole input is then too large).
    over: Option<Limit>,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> String {
        format!("{what} at byte {}", self.i)
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected '{}'", c as char)))
        }
    }

    fn take(&mut self, text: usize) {
        if let Err(limit) = self.budget.take(text) {
            self.over.get_or_insert(limit);
        }
    }

    fn value(&mut self, depth: usize) -> Result<Input, String> {
        match self.peek() {
            Some(b'{' | b'[') if depth > MAX_DEPTH => {
                self.skip_value()?;
                self.take(0);
                Ok(Input::TooLarge(Limit::Depth))
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let (s, units) = self.string()?;
                if units > MAX_STRING {
                    self.take(0);
                    Ok(Input::TooLarge(Limit::String))
                } else {
                    self.take(units);
                    Ok(Input::String(s))
                }
            }
            Some(b't') => self.literal("true", Input::Bool(true)),
            Some(b'f') => self.literal("false", Input::Bool(false)),
            Some(b'n') => self.literal("null", Input::Null),
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                self.take(0);
                Ok(Input::Number(n))
            }
            _ => Err(self.err("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, v: Input) -> Result<Input, String> {
        if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes()) {
            self.i += word.len();
            self.take(0);
            Ok(v)
        } else {
            Err(self.err("expected a JSON value"))
        }
    }

    /// A JSON number, as `JSON.parse` reads it: out of range is ±infinity.
    fn number(&mut self) -> Result<f64, String> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            p.i - s
        };
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.b.get(int_start) == Some(&b'0')) {
            return Err(self.err("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(self.err("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.err("invalid number"));
            }
        }
        let text = std::str::from_utf8(self.b.get(start..self.i).unwrap_or_default()).unwrap_or_default();
        text.parse::<f64>().map_err(|_| self.err("invalid number"))
    }

    /// A string (at its opening quote): its text, and its length in UTF-16 units.
    fn string(&mut self) -> Result<(String, usize), String> {
        self.eat(b'"')?;
        let mut out = String::new();
        let mut pending_high: Option<u16> = None;
        let flush = |out: &mut String, high: &mut Option<u16>| {
            if high.take().is_some() {
                out.push('\u{fffd}');
            }
        };
        loop {
            let start = self.i;
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            if self.i > start {
                flush(&mut out, &mut pending_high);
                // The input is a &str, and runs end at ASCII bytes: always valid UTF-8.
                out.push_str(std::str::from_utf8(self.b.get(start..self.i).unwrap_or_default()).unwrap_or_default());
            }
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    flush(&mut out, &mut pending_high);
                    let units = out.encode_utf16().count();
                    return Ok((out, units));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                    self.i += 1;
                    let simple = match c {
                        b'"' => Some('"'),
                        b'\\' => Some('\\'),
                        b'/' => Some('/'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'n' => Some('\n'),
                        b'r' => Some('\r'),
                        b't' => Some('\t'),
                        b'u' => None,
                        _ => return Err(self.err("invalid escape")),
                    };
                    if let Some(ch) = simple {
                        flush(&mut out, &mut pending_high);
                        out.push(ch);
                        continue;
                    }
                    let hex = self.b.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u16::from_str_radix(h, 16).ok());
                    let unit = hex.ok_or_else(|| self.err("invalid \\u escape"))?;
                    self.i += 4;
                    match (pending_high.take(), unit) {
                        (Some(high), 0xDC00..=0xDFFF) => {
                            let cp = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        (prev, 0xD800..=0xDBFF) => {
                            if prev.is_some() {
                                out.push('\u{fffd}');
                            }
                            pending_high = Some(unit);
                        }
                        (prev, _) => {
                            if prev.is_some() {
                                out.push('\u{fffd}');
                            }
                            // A lone low surrogate, as a JS string holds it, reaches Rust as U+FFFD.
                            out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{fffd}'));
                        }
                    }
                }
                _ => return Err(self.err("unterminated string or control character in a string")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Input, String> {
        let before = (self.budget, self.over);
        self.eat(b'[')?;
        self.take(0);
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Input::Array(items));
        }
        loop {
            if items.len() == MAX_ARRAY {
                // Too long: the rest is skipped, and what was read does not count.
                self.skip_rest(b']')?;
                (self.budget, self.over) = before;
                self.take(0);
                return Ok(Input::TooLarge(Limit::Array));
            }
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Input::Array(items));
                }
                _ => return Err(self.err("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Input, String> {
        let before = (self.budget, self.over);
        self.eat(b'{')?;
        let mut entries: Vec<(String, Input, Budget)> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        let mut key_units = 0usize;
        // A key past the string limit: the object is too large, unless it also has
        // too many keys (what the wasm boundary checks first).
        let mut long_key = false;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            self.take(0);
            return Ok(Input::Object(Vec::new()));
        }
        loop {
            self.ws();
            let (key, units) = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            let fresh = !keys.contains(&key);
            if fresh {
                if keys.len() == MAX_KEYS {
                    self.skip_value()?;
                    self.skip_rest(b'}')?;
                    (self.budget, self.over) = before;
                    self.take(0);
                    return Ok(Input::TooLarge(Limit::Keys));
                }
                keys.insert(key.clone());
                key_units += units;
            }
            if units > MAX_STRING {
                long_key = true;
            }
            if long_key {
                self.skip_value()?;
            } else {
                let mark = self.budget;
                let v = self.value(depth + 1)?;
                let cost = Budget { values: self.budget.values - mark.values, text: self.budget.text - mark.text };
                match entries.iter_mut().find(|e| e.0 == key) {
                    // A repeated key: the last value, in the first key's place.
                    Some(e) => {
                        self.budget.values -= e.2.values;
                        self.budget.text -= e.2.text;
                        e.1 = v;
                        e.2 = cost;
                    }
                    None => entries.push((key, v, cost)),
                }
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                _ => return Err(self.err("expected ',' or '}'")),
            }
        }
        if long_key {
            (self.budget, self.over) = before;
            self.take(0);
            return Ok(Input::TooLarge(Limit::String));
        }
        self.take(key_units);
        Ok(Input::Object(entries.into_iter().map(|(k, v, _)| (k, v)).collect()))
    }

    /// Skips the rest of an open array or object up to and with its `close`.
    fn skip_rest(&mut self, close: u8) -> Result<(), String> {
        let mut stack = vec![close];
        self.skip_nested(&mut stack)
    }

    /// Skips one value without building it, at any depth (no recursion).
    fn skip_value(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                self.skip_nested(&mut vec![b'}'])
            }
            Some(b'[') => {
                self.i += 1;
                self.skip_nested(&mut vec![b']'])
            }
            Some(b'"') => self.string().map(|_| ()),
            Some(b't') => self.literal("true", Input::Null).map(|_| ()),
            Some(b'f') => self.literal("false", Input::Null).map(|_| ()),
            Some(b'n') => self.literal("null", Input::Null).map(|_| ()),
            Some(b'-' | b'0'..=b'9') => self.number().map(|_| ()),
            _ => Err(self.err("expected a JSON value")),
        }
    }

    /// Skips tokens until every bracket on `stack` is closed (checked to balance; the
    /// tokens in between are checked only to be JSON tokens).
    fn skip_nested(&mut self, stack: &mut Vec<u8>) -> Result<(), String> {
        while let Some(&want) = stack.last() {
            self.ws();
            match self.peek() {
                Some(b'{') => {
                    self.i += 1;
                    stack.push(b'}');
                }
                Some(b'[') => {
                    self.i += 1;
                    stack.push(b']');
                }
                Some(c @ (b'}' | b']')) => {
                    if c != want {
                        return Err(self.err("mismatched bracket"));
                    }
                    self.i += 1;
                    stack.pop();
                }
                Some(b',' | b':') => self.i += 1,
                Some(_) => self.skip_value()?,
                None => return Err(self.err("unexpected end of input")),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(fields: &[(&str, Input)]) -> Input {
        Input::Object(fields.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn reads_json_as_json_parse_does() {
        assert_eq!(parse("\u{feff} {\"a\": [1, -2.5e1, true, null, \"x\\u00e9\\ud83d\\ude00\"]} "), Ok(obj(&[("a", Input::Array(vec![Input::Number(1.0), Input::Number(-25.0), Input::Bool(true), Input::Null, Input::String("xé😀".into())]))])));
        assert_eq!(parse("{\"a\": 1e400, \"b\": -1e400}"), Ok(obj(&[("a", Input::Number(f64::INFINITY)), ("b", Input::Number(f64::NEG_INFINITY))])));
        assert_eq!(parse("{\"a\": 1, \"b\": 2, \"a\": 3}"), Ok(obj(&[("a", Input::Number(3.0)), ("b", Input::Number(2.0))])));
        assert_eq!(parse("\"\\ud800x\""), Ok(Input::String("\u{fffd}x".into())));
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"a\u{1}\"", "[1] x", "[[[[}]]]"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn limits_make_values_too_large_where_they_stand() {
        let deep = |n: usize| format!("{{\"a\": {}1{}}}", "[".repeat(n), "]".repeat(n));
        let too_deep = |n| parse(&deep(n)).map(|v| v.too_deep());
        assert_eq!(too_deep(MAX_DEPTH - 1), Ok(false));
        assert_eq!(too_deep(MAX_DEPTH), Ok(true));
        assert_eq!(too_deep(1_000_000), Ok(true));
        let long = format!("{{\"a\": [{}]}}", vec!["1"; MAX_ARRAY + 1].join(","));
        assert_eq!(parse(&long), Ok(obj(&[("a", Input::TooLarge(Limit::Array))])));
        let keys = format!("{{{}}}", (0..=MAX_KEYS).map(|i| format!("\"k{i}\": 1")).collect::<Vec<_>>().join(","));
        assert_eq!(parse(&keys), Ok(Input::TooLarge(Limit::Keys)));
        let s = format!("{{\"a\": \"{}\", \"b\": 1}}", "x".repeat(MAX_STRING + 1));
        assert_eq!(parse(&s), Ok(obj(&[("a", Input::TooLarge(Limit::String)), ("b", Input::Number(1.0))])));
        let key = format!("{{\"{}\": 1}}", "x".repeat(MAX_STRING + 1));
        assert_eq!(parse(&key), Ok(Input::TooLarge(Limit::String)));
        let many = format!("{{{}}}", (0..100).map(|i| format!("\"k{i}\": [{}]", vec!["1"; 200].join(","))).collect::<Vec<_>>().join(","));
        assert_eq!(parse(&many), Ok(Input::TooLarge(Limit::Total)));
    }
}
