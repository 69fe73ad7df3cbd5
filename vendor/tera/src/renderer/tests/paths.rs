// tuyenvan: variable names are split into their parts when the template is parsed
// (`parser::ast::Ident`). These render the kinds of names and scopes a lookup goes through;
// they pass unchanged on upstream Tera 1.20.1, whose lookups split names on every use.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::context::Context;
use crate::errors::Result;
use crate::tera::Tera;

fn render(content: &str) -> Result<String> {
    let mut tera = Tera::default();
    tera.add_raw_template("macros.html", MACROS).unwrap();
    tera.add_raw_template("hello.html", content)?;
    tera.register_function("get_list", |_: &HashMap<String, Value>| {
        Ok(json!([{"name": "f0"}, {"name": "f1"}]))
    });
    tera.register_function("get_map", |_: &HashMap<String, Value>| {
        Ok(json!({"b": {"x": 2, "y": "!"}, "a": {"x": 1, "y": null}}))
    });
    let context = Context::from_value(json!({
        "site": {"title": "T", "menu": [{"name": "m0", "url": "u0"}, {"name": "m1"}]},
        "obj": {"0": "zero", "01": "zero-one", "a/b": "slash", "x~y": "tilde",
                "a~1b": "escaped", "b.c": "dot", "n": {"m": {"k": 7}}},
        "list": [{"name": "l0", "tags": ["t0", "t1"]}, {"name": "l1", "tags": []}],
        "map": {"b": {"x": 2}, "a": {"x": 1}},
        "a": {"x": "global a"},
        "key": "n",
        "idx": 1,
        "text": "ăb",
    }))
    .unwrap();
    tera.render("hello.html", &context)
}

const MACROS: &str = r#"
{% macro show(item, label="none", n=3) %}{{ label }}:{{ item.name }}:{{ n }}{% endmacro show %}
{% macro nested(list) %}{% for item in list %}[{{ self::show(item=item, label=loop.index) }}]{% endfor %}{% endmacro nested %}
{% macro scope() %}{% if site.title %}sees {% endif %}{% if x %}x{% else %}blind{% endif %}{% endmacro scope %}
"#;

fn ok(content: &str, expected: &str) {
    assert_eq!(render(content).unwrap(), expected, "{content}");
}

fn not_found(content: &str, name: &str) {
    let err = render(content).unwrap_err();
    let source = std::error::Error::source(&err).map(|e| e.to_string()).unwrap_or_default();
    assert!(
        source.contains(&format!("Variable `{name}` not found")),
        "{content}: {err:?}"
    );
}

#[test]
fn dotted_names_reach_nested_values_and_array_items() {
    ok("{{ site.title }}", "T");
    ok("{{ obj.n.m.k }}", "7");
    ok("{{ site.menu.1.name }}-{{ list.0.tags.1 }}", "m1-t1");
    // An object's key made of digits is a key; on an array, only a plain index reads.
    ok("{{ obj.0 }} {{ obj.01 }}", "zero zero-one");
    not_found("{{ list.01.name }}", "list.01.name");
    not_found("{{ list.2 }}", "list.2");
    not_found("{{ site.title.x }}", "site.title.x");
    not_found("{{ site.menu.1.url }}", "site.menu.1.url");
    not_found("{{ nothing.at.all }}", "nothing.at.all");
}

#[test]
fn bracketed_names_keep_their_escapes() {
    ok(r#"{{ obj["a/b"] }} {{ obj['x~y'] }} {{ obj["b.c"] }}"#, "slash tilde dot");
    // As upstream: `~1` in a bracketed key reads as an escaped `/`.
    ok(r#"{{ obj["a~1b"] }}"#, "slash");
    ok("{{ obj[key].m.k }} {{ list[idx].name }} {{ site.menu[0].url }}", "7 l1 u0");
}

#[test]
fn loops_give_their_variables_and_shadow_the_context() {
    ok(
        "{% for a in list %}{{ a.name }}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }};{% endfor %}{{ a.x }}",
        "l010truefalse;l121falsetrue;global a",
    );
    not_found("{% for a in list %}{{ loop.length }}{% endfor %}", "loop.length");
    not_found("{% for a in list %}{{ a.nothing }}{% endfor %}", "a.nothing");
    // Nested loops see the outer loop's variable.
    ok(
        "{% for a in list %}{% for t in a.tags %}{{ a.name }}/{{ t }}{{ loop.index }} {% endfor %}{% endfor %}",
        "l0/t01 l0/t12 ",
    );
    // Over an object (sorted keys), a string, a filter's and a function's (owned) results.
    ok("{% for k, v in map %}{{ k }}={{ v.x }} {% endfor %}", "a=1 b=2 ");
    ok("{% for c in text %}({{ c }}){% endfor %}", "(ă)(b)");
    ok("{% for a in list | reverse %}{{ a.name }}{{ a.tags | last }} {% endfor %}", "l1 l0t1 ");
    not_found("{% for a in list | reverse %}{{ a.tags.0 }}{% endfor %}", "a.tags.0");
    ok("{% for a in get_list() %}{{ a.name }}{% endfor %}", "f0f1");
    ok("{% for k, v in get_map() %}{{ k }}={{ v.x }}{{ v.y }} {% endfor %}", "a=1 b=2! ");
}

#[test]
fn set_values_are_found_before_the_loop_and_the_context() {
    ok("{% set a = list.1 %}{{ a.name }} {{ a.tags | length }}", "l1 0");
    ok("{% set a = list | first %}{{ a.tags.1 }}", "t1");
    ok(
        "{% for x in list %}{% set a = x %}{{ a.name }}{% endfor %}{{ a.x }}",
        "l0l1global a",
    );
    ok(
        "{% for x in list %}{% set_global last = x.name %}{% endfor %}{{ last }}",
        "l1",
    );
    ok("{% set n = obj.n %}{% for k, v in n.m %}{{ k }}{{ v }}{{ n.m.k }}{% endfor %}", "k77");
}

#[test]
fn macros_see_their_arguments_defaults_and_the_context() {
    ok(
        r#"{% import "macros.html" as m %}{{ m::show(item=list.0) }} {{ m::show(item=list.1, label="L", n=1) }}"#,
        "none:l0:3 L:l1:1",
    );
    ok(
        r#"{% import "macros.html" as m %}{{ m::nested(list=list) }}"#,
        "[1:l0:3][2:l1:3]",
    );
    // Not the variables of the loop around the call.
    ok(
        r#"{% import "macros.html" as m %}{% for x in list %}{{ m::scope() }};{% endfor %}"#,
        "sees blind;sees blind;",
    );
}

#[test]
fn tests_and_conditions_read_dotted_names() {
    ok(
        "{% if obj.n.m is defined %}a{% endif %}{% if obj.n.z is not defined %}b{% endif %}{% if site.menu.1.url %}c{% else %}d{% endif %}",
        "abd",
    );
    ok("{% if not nothing.here %}e{% endif %}{{ nothing.here | default(value='f') }}", "ef");
    ok("{{ site.title ~ '-' ~ obj.n.m.k }}", "T-7");
    ok("{{ obj.n.m.k + idx }} {% if idx in [1, 2] %}in{% endif %}", "8 in");
}

#[test]
fn names_are_split_once_unless_they_hold_brackets() {
    use crate::parser::ast::Ident;
    let ident = Ident::new("article.categories.0.url".to_string());
    let path = ident.path().unwrap();
    assert_eq!(&ident.as_str()[..path.root_len], "article");
    let parts: Vec<(&str, Option<usize>)> =
        path.rest.iter().map(|p| (&*p.key, p.index)).collect();
    assert_eq!(parts, [("categories", None), ("0", Some(0)), ("url", None)]);
    assert_eq!(Ident::from("a.01").path().unwrap().rest[0].index, None);
    assert!(Ident::from("t").path().unwrap().rest.is_empty());
    for whole in ["a[b]", "a.b[0]", "a..b", "a.", "", "a.b-c"] {
        assert!(Ident::from(whole).path().is_none(), "{whole}");
    }
}

#[test]
fn an_escape_function_into_a_buffer_prints_what_the_plain_one_does() {
    fn plain(s: &str) -> String {
        s.replace('<', "[lt]")
    }
    fn into(s: &str, out: &mut String) {
        out.push_str(&plain(s));
    }
    let template = "{{ a }}|{{ a | safe }}|{{ a | upper }}|{{ b }}|{{ n }}|{{ not a }}|{% set c = a %}{{ c }}|{{ a ~ n }}";
    let mut context = Context::new();
    context.insert("a", "<x>");
    context.insert("b", &vec!["<y>"]);
    context.insert("n", &3);
    let mut outs = Vec::new();
    for both in [false, true] {
        let mut tera = Tera::default();
        if both {
            tera.set_escape_fns(plain, into);
        } else {
            tera.set_escape_fn(plain);
        }
        tera.add_raw_template("t.html", template).unwrap();
        outs.push(tera.render("t.html", &context).unwrap());
    }
    assert_eq!(outs[0], "[lt]x>|<x>|[lt]X>|[<y>]|3|false|[lt]x>|<x>3");
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn tests_and_comparisons_without_escaping_give_what_escaped_ones_do() {
    fn escape(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;")
    }
    fn into(s: &str, out: &mut String) {
        out.push_str(&escape(s));
    }
    let template = "{% if a %}1{% endif %}|{% if e %}2{% else %}3{% endif %}|\
        {% if a == b %}4{% endif %}|{% if a == \"<x>\" %}5{% endif %}|\
        {% if a != c %}6{% endif %}|{% if a == c | safe %}7{% else %}8{% endif %}|\
        {% if c | safe == a %}9{% else %}10{% endif %}|{% if a | safe == b | safe %}11{% endif %}|\
        {% if n == 3 %}12{% endif %}|{% if not e %}13{% endif %}|{% if missing %}14{% endif %}";
    let mut context = Context::new();
    context.insert("a", "<x>");
    context.insert("b", "<x>");
    context.insert("c", "&lt;x>");
    context.insert("e", "");
    context.insert("n", &3);
    let mut outs = Vec::new();
    for both in [false, true] {
        let mut tera = Tera::default();
        if both {
            tera.set_escape_fns(escape, into);
        } else {
            tera.set_escape_fn(escape);
        }
        tera.add_raw_template("t.html", template).unwrap();
        outs.push(tera.render("t.html", &context).unwrap());
    }
    // `a` escaped is `c` as it is: 7 and 9.
    assert_eq!(outs[0], "1|3|4|5|6|7|9|11|12|13|");
    assert_eq!(outs[0], outs[1]);
}
