use std::collections::HashMap;
use std::fmt;

// tuyenvan: every node derives `Serialize` and `Deserialize`, for parsed templates kept between
// runs (`Tera::parse_templates`, `Tera::add_parsed_templates`).
use serde::{Deserialize, Serialize};

/// Whether to remove the whitespace of a `{% %}` tag
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct WS {
    /// `true` if the tag is `{%-`
    pub left: bool,
    /// `true` if the tag is `-%}`
    pub right: bool,
}

/// All math operators
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MathOperator {
    /// +
    Add,
    /// -
    Sub,
    /// *
    Mul,
    /// /
    Div,
    /// %
    Modulo,
}

impl fmt::Display for MathOperator {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}",
            match *self {
                MathOperator::Add => "+",
                MathOperator::Sub => "-",
                MathOperator::Mul => "*",
                MathOperator::Div => "/",
                MathOperator::Modulo => "%",
            }
        )
    }
}

/// All logic operators
#[derive(Copy, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LogicOperator {
    /// >
    Gt,
    /// >=
    Gte,
    /// <
    Lt,
    /// <=
    Lte,
    /// ==
    Eq,
    /// !=
    NotEq,
    /// and
    And,
    /// or
    Or,
}

impl fmt::Display for LogicOperator {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}",
            match *self {
                LogicOperator::Gt => ">",
                LogicOperator::Gte => ">=",
                LogicOperator::Lt => "<",
                LogicOperator::Lte => "<=",
                LogicOperator::Eq => "==",
                LogicOperator::NotEq => "!=",
                LogicOperator::And => "and",
                LogicOperator::Or => "or",
            }
        )
    }
}

/// A function call, can be a filter or a global function
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunctionCall {
    /// The name of the function
    pub name: String,
    /// The args of the function: key -> value
    pub args: HashMap<String, Expr>,
}

/// A mathematical expression
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MathExpr {
    /// The left hand side of the expression
    pub lhs: Box<Expr>,
    /// The right hand side of the expression
    pub rhs: Box<Expr>,
    /// The operator used
    pub operator: MathOperator,
}

/// A logical expression
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogicExpr {
    /// The left hand side of the expression
    pub lhs: Box<Expr>,
    /// The right hand side of the expression
    pub rhs: Box<Expr>,
    /// The operator used
    pub operator: LogicOperator,
}

/// Can only be a combination of string + ident or ident + ident
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StringConcat {
    /// All the values we're concatening into a string
    pub values: Vec<ExprVal>,
}

impl StringConcat {
    pub(crate) fn to_template_string(&self) -> String {
        let mut res = Vec::new();
        for value in &self.values {
            match value {
                ExprVal::String(ref s) => res.push(format!("'{}'", s)),
                ExprVal::Ident(ref s) => res.push(s.to_string()),
                _ => res.push("unknown".to_string()),
            }
        }

        res.join(" ~ ")
    }
}

/// Something that checks whether the left side is contained in the right side
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct In {
    /// The needle, a string or a basic expression/literal
    pub lhs: Box<Expr>,
    /// The haystack, can be a string, an array or an ident only currently
    pub rhs: Box<Expr>,
    /// Is it using `not` as in `b` not in `...`?
    pub negated: bool,
}

/// A variable name as written in a template (`article.categories.0.url`).
///
/// tuyenvan: split into its parts once, when the template is parsed. Upstream splits the
/// name again on every lookup (`CallStack::lookup`, `dotted_pointer`), which was a large
/// part of rendering. A name with `[...]` is left whole: its brackets may hold variables,
/// resolved when rendering.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Ident {
    name: String,
    path: Option<IdentPath>,
}

/// The parts of an [`Ident`] without brackets: its first part and the ones after it.
#[derive(Clone, Debug)]
pub(crate) struct IdentPath {
    /// Length of the first part in the name.
    pub root_len: usize,
    /// The parts after the first (empty for a plain name).
    pub rest: Box<[PathPart]>,
}

/// One part after the first of a dotted name: a key of an object, or an index of an array
/// when it reads as one (as `dotted_pointer` reads it).
#[derive(Clone, Debug)]
pub(crate) struct PathPart {
    pub key: Box<str>,
    pub index: Option<usize>,
}

impl Ident {
    /// A variable name as written.
    pub fn new(name: String) -> Ident {
        let path = split_ident(&name);
        Ident { name, path }
    }

    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The parts, when the name is plain or dotted (no brackets).
    pub(crate) fn path(&self) -> Option<&IdentPath> {
        self.path.as_ref()
    }
}

/// The parts of a name made of `.`-separated non-empty words of ASCII letters, digits and
/// `_` (what the grammar allows outside brackets); `None` for any other name.
fn split_ident(name: &str) -> Option<IdentPath> {
    let plain = |part: &str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    let mut parts = name.split('.');
    let root = parts.next()?;
    if !plain(root) {
        return None;
    }
    let mut rest = Vec::new();
    for part in parts {
        if !plain(part) {
            return None;
        }
        rest.push(PathPart { key: part.into(), index: crate::context::parse_index(part) });
    }
    Some(IdentPath { root_len: root.len(), rest: rest.into_boxed_slice() })
}

impl PartialEq for Ident {
    fn eq(&self, other: &Ident) -> bool {
        self.name == other.name
    }
}

impl std::ops::Deref for Ident {
    type Target = str;

    fn deref(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl From<String> for Ident {
    fn from(name: String) -> Ident {
        Ident::new(name)
    }
}

impl From<Ident> for String {
    fn from(ident: Ident) -> String {
        ident.name
    }
}

impl From<&str> for Ident {
    fn from(name: &str) -> Ident {
        Ident::new(name.to_string())
    }
}

/// An expression is the node found in variable block, kwargs and conditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum ExprVal {
    String(String),
    Int(i64),
    // tuyenvan: kept as its bits, so that a template read back parses to the same number.
    Float(#[serde(with = "f64_bits")] f64),
    Bool(bool),
    Ident(Ident),
    Math(MathExpr),
    Logic(LogicExpr),
    Test(Test),
    MacroCall(MacroCall),
    FunctionCall(FunctionCall),
    // A vec of Expr, not ExprVal since filters are allowed
    // on values inside arrays
    Array(Vec<Expr>),
    StringConcat(StringConcat),
    In(In),
}

/// An expression is a value that can be negated and followed by
/// optional filters
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expr {
    /// The expression we are evaluating
    pub val: ExprVal,
    /// Is it using `not`?
    pub negated: bool,
    /// List of filters used on that value
    pub filters: Vec<FunctionCall>,
}

impl Expr {
    /// Create a new basic Expr
    pub fn new(val: ExprVal) -> Expr {
        Expr { val, negated: false, filters: vec![] }
    }

    /// Create a new negated Expr
    pub fn new_negated(val: ExprVal) -> Expr {
        Expr { val, negated: true, filters: vec![] }
    }

    /// Create a new basic Expr with some filters
    pub fn with_filters(val: ExprVal, filters: Vec<FunctionCall>) -> Expr {
        Expr { val, filters, negated: false }
    }

    /// Check if the expr has a default filter as first filter
    pub fn has_default_filter(&self) -> bool {
        if self.filters.is_empty() {
            return false;
        }

        self.filters[0].name == "default"
    }

    /// Check if the last filter is `safe`
    pub fn is_marked_safe(&self) -> bool {
        if self.filters.is_empty() {
            return false;
        }

        self.filters[self.filters.len() - 1].name == "safe"
    }
}

/// A test node `if my_var is odd`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Test {
    /// Which variable is evaluated
    pub ident: Ident,
    /// Is it using `not`?
    pub negated: bool,
    /// Name of the test
    pub name: String,
    /// Any optional arg given to the test
    pub args: Vec<Expr>,
}

/// A filter section node `{{ filter name(param="value") }} content {{ endfilter }}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterSection {
    /// The filter call itsel
    pub filter: FunctionCall,
    /// The filter body
    pub body: Vec<Node>,
}

/// Set a variable in the context `{% set val = "hey" %}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Set {
    /// The name for that value in the context
    pub key: String,
    /// The value to assign
    pub value: Expr,
    /// Whether we want to set the variable globally or locally
    /// global_set is only useful in loops
    pub global: bool,
}

/// A call to a namespaced macro `macros::my_macro()`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MacroCall {
    /// The namespace we're looking for that macro in
    pub namespace: String,
    /// The macro name
    pub name: String,
    /// The args for that macro: name -> value
    pub args: HashMap<String, Expr>,
}

/// A Macro definition
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MacroDefinition {
    /// The macro name
    pub name: String,
    /// The args for that macro: name -> optional default value
    pub args: HashMap<String, Option<Expr>>,
    /// The macro content
    pub body: Vec<Node>,
}

/// A block definition
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// The block name
    pub name: String,
    /// The block content
    pub body: Vec<Node>,
}

/// A forloop: can be over values or key/values
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Forloop {
    /// Name of the key in the loop (only when iterating on map-like objects)
    pub key: Option<String>,
    /// Name of the local variable for the value in the loop
    pub value: String,
    /// Expression being iterated on
    pub container: Expr,
    /// What's in the forloop itself
    pub body: Vec<Node>,
    /// The body to execute in case of an empty object
    pub empty_body: Option<Vec<Node>>,
}

/// An if/elif/else condition with their respective body
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct If {
    /// First item if the if, all the ones after are elif
    pub conditions: Vec<(WS, Expr, Vec<Node>)>,
    /// The optional `else` block
    pub otherwise: Option<(WS, Vec<Node>)>,
}

/// All Tera nodes that can be encountered
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// A call to `{{ super() }}` in a block
    Super,

    /// Some actual text
    Text(String),
    /// A `{{ }}` block
    VariableBlock(WS, Expr),
    /// A `{% macro hello() %}...{% endmacro %}`
    MacroDefinition(WS, MacroDefinition, WS),

    /// The `{% extends "blabla.html" %}` node, contains the template name
    Extends(WS, String),
    /// The `{% include "blabla.html" %}` node, contains the template name
    Include(WS, Vec<String>, bool),
    /// The `{% import "macros.html" as macros %}`
    ImportMacro(WS, String, String),
    /// The `{% set val = something %}` tag
    Set(WS, Set),

    /// The text between `{% raw %}` and `{% endraw %}`
    Raw(WS, String, WS),

    /// A filter section node `{{ filter name(param="value") }} content {{ endfilter }}`
    FilterSection(WS, FilterSection, WS),
    /// A `{% block name %}...{% endblock %}`
    Block(WS, Block, WS),
    /// A `{% for i in items %}...{% endfor %}`
    Forloop(WS, Forloop, WS),

    /// A if/elif/else block, WS for the if/elif/else is directly in the struct
    If(If, WS),

    /// The `{% break %}` tag
    Break(WS),
    /// The `{% continue %}` tag
    Continue(WS),

    /// The `{# #} `comment tag and its content
    Comment(WS, String),
}

/// tuyenvan: a float literal of a template as the bits of its `f64`: JSON numbers read back
/// without `serde_json`'s `float_roundtrip` may differ in the last bit.
mod f64_bits {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(value.to_bits())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        u64::deserialize(deserializer).map(f64::from_bits)
    }
}
