//! The one error type of the crate: a stable code, the field it concerns, and a message
//! in Chinese and English. Callers map codes to their own text; the codes never change
//! meaning (the README lists them).

use serde::Serialize;

/// Every error code policy-matcher reports. The string form (`as_str`) is the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // The enterprise profile and the match options.
    /// The profile is not a JSON object.
    NotAnObject,
    /// A field the schema does not know (a typo, or a newer catalogue's question).
    UnknownField,
    /// A value of the wrong JSON type (text where a number belongs, …).
    WrongType,
    /// `NaN` or an infinite number.
    NotANumber,
    /// A negative count or amount.
    Negative,
    /// A fractional head-count.
    NotAnInteger,
    /// Not a real `YYYY-MM-DD` calendar date.
    InvalidDate,
    /// Not a 6-digit GB/T 2260 code of a known province.
    UnknownRegion,
    /// Not a GB/T 4754-2017 section letter with an optional 2–4 digit code of that section.
    UnknownIndustry,
    /// A choice (or qualification) the question does not offer.
    UnknownValue,
    /// The `as_of` option is not a valid date.
    InvalidAsOf,
    /// No measure has that id.
    UnknownMeasure,
    /// Input beyond a documented limit (keys per object, array length, string length,
    /// nesting depth, total size, catalogue size, output size); the message names it.
    TooLarge,
    /// A value that could not be read: a getter, proxy or iterator threw when read.
    Unreadable,
    // The catalogue.
    /// A catalogue file that is not valid TOML or JSON.
    CatalogueSyntax,
    /// A required catalogue field is missing, or has the wrong form.
    CatalogueField,
    /// Two records share an id.
    DuplicateId,
    /// A condition that does not parse.
    ConditionSyntax,
    /// A condition that does not type-check against the attribute schema.
    ConditionType,
    /// A condition or record naming an attribute, category or type that does not exist.
    UnknownReference,
    /// A `quote` not found in its article's text.
    QuoteNotFound,
    /// An article's text not found verbatim in the cleaned source document.
    TextNotInSource,
    /// A numbered article of the source missing from the catalogue, or numbered wrongly.
    ArticleMissing,
    /// A benefit no profile can satisfy, or one every profile satisfies.
    ConditionTrivial,
}

impl Code {
    /// Every code, in the order of the README's table.
    pub const ALL: [Code; 24] = [Code::NotAnObject, Code::UnknownField, Code::WrongType, Code::NotANumber, Code::Negative, Code::NotAnInteger, Code::InvalidDate, Code::UnknownRegion, Code::UnknownIndustry, Code::UnknownValue, Code::InvalidAsOf, Code::UnknownMeasure, Code::TooLarge, Code::Unreadable, Code::CatalogueSyntax, Code::CatalogueField, Code::DuplicateId, Code::ConditionSyntax, Code::ConditionType, Code::UnknownReference, Code::QuoteNotFound, Code::TextNotInSource, Code::ArticleMissing, Code::ConditionTrivial];

    /// The stable string form of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotAnObject => "not_an_object",
            Code::UnknownField => "unknown_field",
            Code::WrongType => "wrong_type",
            Code::NotANumber => "not_a_number",
            Code::Negative => "negative",
            Code::NotAnInteger => "not_an_integer",
            Code::InvalidDate => "invalid_date",
            Code::UnknownRegion => "unknown_region",
            Code::UnknownIndustry => "unknown_industry",
            Code::UnknownValue => "unknown_value",
            Code::InvalidAsOf => "invalid_as_of",
            Code::UnknownMeasure => "unknown_measure",
            Code::TooLarge => "too_large",
            Code::Unreadable => "unreadable",
            Code::CatalogueSyntax => "catalogue_syntax",
            Code::CatalogueField => "catalogue_field",
            Code::DuplicateId => "duplicate_id",
            Code::ConditionSyntax => "condition_syntax",
            Code::ConditionType => "condition_type",
            Code::UnknownReference => "unknown_reference",
            Code::QuoteNotFound => "quote_not_found",
            Code::TextNotInSource => "text_not_in_source",
            Code::ArticleMissing => "article_missing",
            Code::ConditionTrivial => "condition_trivial",
        }
    }
}

/// An error with its stable code, the field it concerns and bilingual text. Catalogue
/// errors also say which file and line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Error {
    pub code: Code,
    pub field: String,
    pub message: String,
    pub message_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Error {
    pub fn new(code: Code, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error { code, field: field.into(), message: zh.into(), message_en: en.into(), file: None, line: None }
    }

    /// The same error, located in a catalogue file.
    pub fn at(mut self, file: &str, line: Option<u32>) -> Self {
        self.file = Some(file.to_string());
        self.line = line;
        self
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{} [{}] {} / {}", self.field, self.code.as_str(), self.message, self.message_en)
    }
}
