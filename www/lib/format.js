/**
 * Number, money and date formatting and parsing for the form and the results.
 *
 * The API works in yuan. Chinese forms ask for money in 万元 (10 000 yuan), so the
 * Chinese form scales by 10 000 on the way in and out; the English form asks in yuan.
 */

/** Yuan in one 万元. */
export const YUAN_PER_WAN = 10000;

/** How many yuan one unit typed into a money field is worth, in this language. */
export function moneyScale(lang) {
  return lang === 'en' ? 1 : YUAN_PER_WAN;
}

/** Full-width digits, minus signs and points (common with Chinese input methods) → ASCII. */
export function toHalfWidth(text) {
  return String(text)
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0D\u2212]/g, '-')
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/[\uFF0C]/g, ',');
}

/**
 * Parses what a visitor typed as a number: spaces and thousands separators are allowed,
 * full-width digits too. Returns null when the text is not a plain decimal number.
 */
export function parseNumber(text) {
  const clean = toHalfWidth(text).replace(/[\s,]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(clean)) return null;
  return Number(clean);
}

/** Rounds away binary noise from scaling (0.1 万元 × 10000 = 1000, not 999.9999). */
export function roundMoney(value) {
  return Math.round(value * 100) / 100;
}

/** A yuan amount as shown in a form field of this language (万元 in Chinese). */
export function yuanToField(yuan, lang) {
  return String(roundMoney(yuan / moneyScale(lang)));
}

/** A money field's number (万元 in Chinese) in yuan. */
export function fieldToYuan(value, lang) {
  return roundMoney(value * moneyScale(lang));
}

/** A yuan amount for reading: "6000万元", "1500元", "1.2亿元"; "60,000,000 yuan". */
export function formatYuan(yuan, lang) {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '';
  if (lang === 'en') return `${new Intl.NumberFormat('en').format(yuan)} yuan`;
  const abs = Math.abs(yuan);
  const fmt = (n) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4, useGrouping: false }).format(n);
  if (abs >= 1e8) return `${fmt(yuan / 1e8)}亿元`;
  if (abs >= YUAN_PER_WAN) return `${fmt(yuan / YUAN_PER_WAN)}万元`;
  return `${fmt(yuan)}元`;
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? '');
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** An ISO date for reading: "2022年3月1日" / "1 March 2022"; other values ("unknown", null) → ''. */
export function formatDate(iso, lang) {
  if (!isIsoDate(iso)) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }
  return `${y}年${m}月${d}日`;
}

/** Today's date in the visitor's time zone, YYYY-MM-DD. */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Money for sentences: "12万元", "1.15亿元" in Chinese; "¥1.5 million", "¥120,000" in
 * English (digits by Intl.NumberFormat).
 */
export function formatMoney(yuan, lang) {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '';
  if (lang !== 'en') return formatYuan(Math.round(yuan * 100) / 100, lang);
  const abs = Math.abs(yuan);
  const nf = (digits) => new Intl.NumberFormat('en', { maximumFractionDigits: digits });
  if (abs >= 1e9) return `¥${nf(2).format(yuan / 1e9)} billion`;
  if (abs >= 1e6) return `¥${nf(2).format(yuan / 1e6)} million`;
  return `¥${nf(0).format(yuan)}`;
}

/**
 * A range of yuan: "约12万–115万元", "最多约30万元", "约7500元"; "about ¥120,000–¥1.15 million",
 * "up to about ¥300,000". A cap (low 0) is never shown as what the visitor gets.
 */
export function formatMoneyRange(low, high, lang) {
  const en = lang === 'en';
  const h = formatMoney(high, lang);
  if (low === high) return en ? `about ${h}` : `约${h}`;
  if (!low) return en ? `up to about ${h}` : `最多约${h}`;
  const l = formatMoney(low, lang);
  if (en) return `about ${l}–${h}`;
  const unit = (s) => (/[万亿]元$/.test(s) ? s.slice(-2) : null);
  return unit(l) && unit(l) === unit(h) ? `约${l.slice(0, -1)}–${h}` : `约${l}–${h}`;
}
