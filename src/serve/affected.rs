//! Which pages an edit can change, found from the model: after an edit in place, the pages
//! showing an edited article; after a rebuilt model, those showing other articles than before.
//! Pure: reads no disk, renders nothing; the caller renders only the picked routes whose key
//! changed, so a pick may be wider than needed but never narrower.

use crate::content::Article;
use crate::context;
use crate::plan::{Plan, Route, Spec};
use crate::render;
use crate::site::{self, Site, TaxonomyKind};
use serde_json::Value;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Where an article sits in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Index in `Site::articles`.
    Article(usize),
    /// Index in `Site::pages`.
    Page(usize),
}

/// What an in-place edit touched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edited {
    /// Articles whose own page (and the feeds carrying their body) may differ.
    pub articles: BTreeSet<usize>,
    /// Static pages whose own page may differ.
    pub pages: BTreeSet<usize>,
    /// Of `articles`, those whose summary changed: every list showing them differs too.
    pub summaries: BTreeSet<usize>,
    /// The variables every page receives changed ("Tin mới nhất"): any page may differ.
    pub globals: bool,
}

/// Whether the `edits` can replace the articles at their slots in place: same kind, terms
/// and aliases, no photos (those need the images stage), a bundle keeps its address (its
/// files would move), and the order of the site stays as it is. Otherwise the model must
/// be built again.
pub fn fits(site: &Site, edits: &HashMap<Slot, Article>) -> bool {
    edits.iter().all(|(&slot, new)| {
        let (list, i) = match slot {
            Slot::Article(i) => (&site.articles, i),
            Slot::Page(i) => (&site.pages, i),
        };
        let Some(old) = list.get(i) else {
            return false;
        };
        let kept = old.source == new.source
            && old.kind == new.kind
            && old.categories == new.categories
            && old.authors == new.authors
            && old.tags == new.tags
            && old.aliases == new.aliases
            // The documents cited are listed on both sides: a general rebuild takes them.
            && old.documents.is_empty()
            && new.documents.is_empty()
            && !has_photos(old)
            && !has_photos(new)
            && !(new.is_bundle && new.path != old.path);
        // Neighbours as they will be, edited ones included.
        let at = |j: usize| {
            let key = match slot {
                Slot::Article(_) => Slot::Article(j),
                Slot::Page(_) => Slot::Page(j),
            };
            edits.get(&key).unwrap_or(&list[j])
        };
        let before = |a: &Article, b: &Article| match slot {
            Slot::Article(_) => site::newest_first(a, b) == Ordering::Less,
            // Pages are in path order.
            Slot::Page(_) => a.path < b.path,
        };
        let after_previous = i == 0 || before(at(i - 1), new);
        let before_next = i + 1 >= list.len() || before(new, at(i + 1));
        kept && after_previous && before_next
    })
}

fn has_photos(a: &Article) -> bool {
    a.image.is_some() || !a.images.is_empty()
}

/// The routes whose output an edit may have changed: a superset, since the caller renders
/// only those whose key changed. `renamed`: positions in the plan of the routes the edit
/// gave another address or target (a page whose slug changed, its aliases).
pub fn routes<'a>(
    site: &Site,
    plan: &'a Plan,
    renamed: &[usize],
    edited: &Edited,
) -> Vec<&'a Route> {
    let beside = related_lists(site, &edited.summaries);
    plan.routes
        .iter()
        .enumerate()
        .filter(|(k, route)| {
            renamed.contains(k) || shows(site, route, edited, &beside, !renamed.is_empty())
        })
        .map(|(_, route)| route)
        .collect()
}

/// Whether a route shows an edited article; `beside`: articles whose "Tin khác" shows one.
fn shows(
    site: &Site,
    route: &Route,
    edited: &Edited,
    beside: &BTreeSet<usize>,
    renamed: bool,
) -> bool {
    let changed = &edited.summaries;
    let listed = |items: &[usize]| items.iter().any(|i| changed.contains(i));
    let paginate = site.config.paginate;
    let template = route.spec.template().is_some();
    match &route.spec {
        _ if template && edited.globals => true,
        Spec::Home { page } => {
            let window = context::listing_window(site.articles.len(), paginate, *page);
            // The first page also shows the featured articles.
            (*page == 1 && !changed.is_empty()) || changed.range(window).next().is_some()
        }
        Spec::Article { index } => {
            let i = *index;
            edited.articles.contains(&i)
                // Its "older" and "newer" links.
                || changed.contains(&(i + 1))
                || i.checked_sub(1).is_some_and(|n| changed.contains(&n))
                || beside.contains(&i)
        }
        Spec::StaticPage { index } => edited.pages.contains(index),
        // Documents are never edited in place (`fits`), and no article citing one is.
        Spec::Documents { .. } | Spec::Document { .. } => false,
        Spec::TaxonomyTerm { kind, term, page } => {
            let items = &site.taxonomy(*kind).terms[*term].articles;
            listed(&items[context::listing_window(items.len(), paginate, *page)])
        }
        Spec::Feed { scope, .. } => render::feed_indices(site, *scope)
            .iter()
            .any(|i| edited.articles.contains(i)),
        // Addresses, and the dates the summaries carry.
        Spec::Sitemap => renamed || !changed.is_empty(),
        // The index reads titles, sapos and bodies (the page carries its manifest).
        Spec::Search { .. } | Spec::SearchIndex { .. } => !edited.articles.is_empty(),
        // Term names and counts, fixed texts; an alias's target is in its route, which
        // `renamed` names.
        Spec::TaxonomyList { .. } | Spec::NotFound | Spec::Alias { .. } | Spec::Robots => false,
        // Made from front matter (old addresses) or site.yaml when planned: cheap to take.
        Spec::File { .. } => true,
    }
}

/// A model before and after a rebuild, with the summaries its pages show.
pub struct Model<'a> {
    pub site: &'a Site,
    pub plan: &'a Plan,
    pub summaries: &'a [Value],
}

/// After the model was built again (an article added, deleted or moved), the routes whose
/// output may differ from the route of the same output before: new outputs, routes that
/// show other articles or another order or count than before, and routes showing an
/// article whose values changed. The caller has checked that the templates and the
/// variables every page receives are the same. The search index and the sitemap are not
/// judged here: they are left for later. `kept`: by the old model's article index, whether
/// its summary was moved to the new model because the article is the same (its old slot
/// holds no summary any more).
pub fn rebuilt<'a>(old: &Model<'_>, new: &Model<'a>, kept: &[bool]) -> Vec<&'a Route> {
    let before: HashMap<&str, &Route> = old
        .plan
        .routes
        .iter()
        .map(|r| (r.output.as_str(), r))
        .collect();
    let old_index = old.site.article_positions();
    let old_pages: HashMap<&Path, &Article> = old
        .site
        .pages
        .iter()
        .map(|a| (a.source.as_path(), a))
        .collect();
    // Articles whose own values or summary changed, by file.
    let changed: BTreeSet<&Path> = new
        .site
        .articles
        .iter()
        .enumerate()
        .filter(|(i, a)| {
            old_index.get(a.source.as_path()).is_none_or(|&o| {
                !kept.get(o).copied().unwrap_or(false)
                    && (old.site.articles[o] != **a || old.summaries[o] != new.summaries[*i])
            })
        })
        .map(|(_, a)| a.source.as_path())
        .chain(
            new.site
                .pages
                .iter()
                .filter(|p| old_pages.get(p.source.as_path()) != Some(p))
                .map(|p| p.source.as_path()),
        )
        .collect();
    let same_related = same_related(old.site, new.site, &changed);
    new.plan
        .routes
        .iter()
        .filter(|route| {
            let Some(was) = before.get(route.output.as_str()) else {
                return true;
            };
            if is_later(route) {
                return false;
            }
            let related = match route.spec {
                Spec::Article { index } => !same_related.get(index).copied().unwrap_or(false),
                _ => true,
            };
            let (now, then) = (
                shown(new.site, route, related),
                shown(old.site, was, related),
            );
            let cites = |site: &Site, spec: &Spec| match spec {
                Spec::Article { index } => site
                    .articles
                    .get(*index)
                    .is_some_and(|a| !a.documents.is_empty()),
                _ => false,
            };
            route.url_path != was.url_path
                || cites(new.site, &route.spec)
                || std::mem::discriminant(&route.spec) != std::mem::discriminant(&was.spec)
                // An alias's target, the bytes of a file made when planning (the redirect
                // rules name every article's address).
                || matches!(route.spec, Spec::Alias { .. } | Spec::File { .. })
                    && route.spec != was.spec
                || now.is_none()
                || now != then
                || now
                    .as_ref()
                    .is_some_and(|s| s.articles.iter().flatten().any(|p| changed.contains(p)))
        })
        .collect()
}

/// The search index and the sitemap read every article: the dev server builds them once
/// saves pause.
pub fn is_later(route: &Route) -> bool {
    matches!(
        route.spec,
        Spec::Search { .. } | Spec::SearchIndex { .. } | Spec::Sitemap
    )
}

/// What a route's context takes from the model beyond the values of articles: which
/// articles (by file, in order; `None` for a missing neighbour), and the names and numbers
/// of its listing. `None`: the route shows the whole model (an index of terms).
#[derive(Debug, PartialEq)]
struct Shows<'a> {
    articles: Vec<Option<&'a Path>>,
    names: Vec<&'a str>,
    numbers: Vec<usize>,
}

/// `related`: with an article's "Bài liên quan" (the longest to find).
fn shown<'a>(site: &'a Site, route: &Route, related: bool) -> Option<Shows<'a>> {
    let file = |i: usize| site.articles.get(i).map(|a| a.source.as_path());
    let paginate = site.config.paginate;
    let mut s = Shows {
        articles: Vec::new(),
        names: Vec::new(),
        numbers: Vec::new(),
    };
    match &route.spec {
        Spec::Home { page } => {
            let count = site.articles.len();
            if *page == 1 {
                let featured = site.articles.iter().filter(|a| a.featured);
                s.articles.extend(
                    featured
                        .take(context::FEATURED_COUNT)
                        .map(|a| Some(a.source.as_path())),
                );
            }
            s.numbers = vec![*page, s.articles.len(), count];
            s.articles
                .extend(context::listing_window(count, paginate, *page).map(file));
        }
        Spec::Article { index } => {
            let i = *index;
            s.articles = vec![file(i), file(i + 1), i.checked_sub(1).and_then(file)];
            if related {
                s.articles
                    .extend(context::related(site, i).into_iter().map(file));
            }
        }
        Spec::StaticPage { index } => {
            s.articles
                .push(site.pages.get(*index).map(|p| p.source.as_path()));
        }
        Spec::TaxonomyTerm { kind, term, page } => {
            let t = &site.taxonomy(*kind).terms[*term];
            s.names = vec![&t.name, &t.slug];
            s.numbers = vec![*page, t.articles.len()];
            let window = context::listing_window(t.articles.len(), paginate, *page);
            s.articles
                .extend(t.articles[window].iter().map(|&i| file(i)));
        }
        Spec::Feed { scope, .. } => {
            if let Some((kind, term)) = scope {
                let t = &site.taxonomy(*kind).terms[*term];
                s.names = vec![&t.name, &t.slug];
            }
            s.articles
                .extend(render::feed_indices(site, *scope).into_iter().map(file));
        }
        // A document's page lists the articles citing it; an article's, the documents it
        // cites: taken whole, without comparing.
        Spec::TaxonomyList { .. } | Spec::Documents { .. } | Spec::Document { .. } => return None,
        // Fixed texts and the configuration; an alias's target is in its route.
        Spec::NotFound
        | Spec::Alias { .. }
        | Spec::Robots
        | Spec::Search { .. }
        | Spec::SearchIndex { .. }
        | Spec::File { .. }
        | Spec::Sitemap => {}
    }
    Some(s)
}

/// By article of the `new` model: whether its "Bài liên quan" shows the same files as
/// before, when the article itself is not among the `changed` ones. `context::related`
/// reads only the newest [`context::RELATED_WINDOW`] of each of the article's tags and at
/// most the newest `2 * RELATED_COUNT + 1` of its first category (each one it passes is
/// itself, one taken from the tags, or one it takes), and ranks them by their order in the
/// site. Where those windows list the same files as before and none of them changed (the
/// order of unchanged articles is the same in both models), the list is the same; any
/// article of another term is judged by computing its list in both models.
fn same_related(old: &Site, new: &Site, changed: &BTreeSet<&Path>) -> Vec<bool> {
    let mut same = vec![true; new.articles.len()];
    let windows = [
        (TaxonomyKind::Tags, context::RELATED_WINDOW),
        (TaxonomyKind::Categories, 2 * context::RELATED_COUNT + 1),
    ];
    for (kind, window) in windows {
        for term in &new.taxonomy(kind).terms {
            let now = term
                .articles
                .iter()
                .take(window)
                .map(|&i| new.articles[i].source.as_path());
            let settled = old.taxonomy(kind).term_of(&term.name).is_some_and(|t| {
                let then = t
                    .articles
                    .iter()
                    .take(window)
                    .map(|&i| old.articles[i].source.as_path());
                t.slug == term.slug && now.clone().eq(then)
            }) && now.clone().all(|p| !changed.contains(p));
            if !settled {
                for &i in &term.articles {
                    same[i] = false;
                }
            }
        }
    }
    same
}

/// The articles whose "Bài liên quan" list shows one of `changed`: among those sharing a
/// tag with it (when it is among the tag's newest weighed) or a category (when it is among
/// the category's newest), those whose list holds it.
fn related_lists(site: &Site, changed: &BTreeSet<usize>) -> BTreeSet<usize> {
    let mut beside = BTreeSet::new();
    for &i in changed {
        let tags = site.articles[i]
            .tags
            .iter()
            .filter_map(|t| site.tags.term_of(t))
            .map(|t| (t, context::RELATED_WINDOW));
        let categories = site
            .categories
            .terms
            .iter()
            .map(|t| (t, context::RELATED_COUNT + 1));
        let mut candidates = BTreeSet::new();
        for (term, near) in tags.chain(categories) {
            if term.articles.iter().take(near).any(|&x| x == i) {
                candidates.extend(term.articles.iter().copied());
            }
        }
        beside.extend(
            candidates
                .into_iter()
                .filter(|&j| context::related(site, j).contains(&i)),
        );
    }
    beside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::parse_article;
    use crate::plan::Extras;
    use crate::search::SearchFiles;
    use crate::site::Visibility;
    use std::path::{Path, PathBuf};

    fn config() -> Config {
        crate::config::parse(
            "title: T\nbase_url: https://x.vn/\npaginate: 2\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap()
    }

    /// Article `n` of day `n`, in one of two categories by parity (`bai-N.md`).
    fn text(n: usize, title: &str, date: &str, body: &str) -> String {
        let category = ["Dân vận", "Tuyên giáo"][n % 2];
        format!("---\ntitle: {title}\ndate: {date}\ncategory: {category}\n---\n{body}\n")
    }

    fn parse(n: usize, title: &str, date: &str, body: &str) -> Article {
        let rel = format!("content/bai-{n}.md");
        parse_article(Path::new(&rel), &text(n, title, date, body), &config()).unwrap()
    }

    fn original(n: usize) -> Article {
        parse(
            n,
            &format!("Bài {n}"),
            &format!("2023-01-{:02}", n + 1),
            "Thân.",
        )
    }

    /// 30 articles (newest first: index 0 is `bai-29`) and the plan of their site.
    fn site() -> (Site, Plan) {
        let articles = (0..30).map(original).collect();
        let site = site::build(
            config(),
            articles,
            Visibility {
                drafts: true,
                future: true,
            },
            chrono::Utc::now(),
        )
        .unwrap();
        let search = SearchFiles::build(&site);
        let plan = crate::plan::plan(&site, Extras::bare(&search));
        (site, plan)
    }

    fn index_of(site: &Site, n: usize) -> usize {
        let source = format!("content/bai-{n}.md");
        site.articles
            .iter()
            .position(|a| a.source == Path::new(&source))
            .unwrap()
    }

    /// The outputs `routes` picks for `edited`, but the search index (every edit of an
    /// article changes it).
    fn picked(site: &Site, plan: &Plan, renamed: &[usize], edited: &Edited) -> Vec<String> {
        let mut out: Vec<String> = routes(site, plan, renamed, edited)
            .into_iter()
            .map(|r| r.output.clone())
            .filter(|o| !o.starts_with("tim-kiem/"))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_body_edit_renders_the_article_and_the_feeds_carrying_it() {
        let (site, plan) = site();
        // bai-5: index 24, sixth oldest; in the site feed only if among the newest 20.
        let i = index_of(&site, 5);
        let edited = Edited {
            articles: [i].into(),
            ..Edited::default()
        };
        assert_eq!(
            picked(&site, &plan, &[], &edited),
            [
                "2023/01/bai-5/index.html",
                "chuyen-muc/tuyen-giao/feed.json",
                "chuyen-muc/tuyen-giao/feed.xml",
            ]
        );
    }

    #[test]
    fn a_title_edit_renders_every_page_listing_the_article() {
        let (mut site, plan) = site();
        let i = index_of(&site, 5);
        // The index the old plan published, as the dev server keeps it for a moment.
        let search = SearchFiles::build(&site);
        site.articles[i] = parse(5, "Tiêu đề mới", "2023-01-06", "Thân.");
        let moved = crate::plan::plan(&site, Extras::bare(&search));
        let edited = Edited {
            articles: [i].into(),
            summaries: [i].into(),
            ..Edited::default()
        };
        let renamed: Vec<usize> = (0..plan.routes.len())
            .filter(|&k| plan.routes[k] != moved.routes[k])
            .collect();
        assert_eq!(renamed.len(), 1, "its page only: it has no alias");
        let got = picked(&site, &moved, &renamed, &edited);
        let expected = [
            // Its page under its new address, its older and newer neighbours.
            "2023/01/bai-4/index.html",
            "2023/01/bai-6/index.html",
            "2023/01/tieu-de-moi/index.html",
            // Its category's feeds; the listing pages that show it (index 24: home page
            // 13; 13th of 15 in its category: page 7); the sitemap (addresses changed).
            "chuyen-muc/tuyen-giao/feed.json",
            "chuyen-muc/tuyen-giao/feed.xml",
            "chuyen-muc/tuyen-giao/trang/7/index.html",
            "index.html",
            "sitemap.xml",
            "trang/13/index.html",
        ];
        assert_eq!(got, expected);
    }

    #[test]
    fn a_date_edit_that_keeps_the_order_renders_the_lists_showing_the_date() {
        let (mut site, plan) = site();
        let i = index_of(&site, 5);
        site.articles[i] = parse(5, "Bài 5", "2023-01-06 10:00", "Thân.");
        let edited = Edited {
            articles: [i].into(),
            summaries: [i].into(),
            ..Edited::default()
        };
        // The address keeps its month: no route is renamed, but the sitemap's dates change.
        assert_eq!(
            picked(&site, &plan, &[], &edited),
            [
                "2023/01/bai-4/index.html",
                "2023/01/bai-5/index.html",
                "2023/01/bai-6/index.html",
                "chuyen-muc/tuyen-giao/feed.json",
                "chuyen-muc/tuyen-giao/feed.xml",
                "chuyen-muc/tuyen-giao/trang/7/index.html",
                "index.html",
                "sitemap.xml",
                "trang/13/index.html",
            ]
        );
    }

    #[test]
    fn a_new_article_near_the_top_is_in_other_articles_lists() {
        let (site, plan) = site();
        // bai-27: index 2, second newest of "Tuyên giáo" (odd days): every other article
        // of that category lists it under "Tin khác".
        let i = index_of(&site, 27);
        let edited = Edited {
            articles: [i].into(),
            summaries: [i].into(),
            ..Edited::default()
        };
        let got = picked(&site, &plan, &[], &edited);
        let category = &site.categories.term_of("Tuyên giáo").unwrap().articles;
        for &j in category {
            let page = format!("2023/01/bai-{}/index.html", 29 - j);
            assert!(got.contains(&page), "{page} not in {got:?}");
        }
        let other = format!("2023/01/bai-{}/index.html", 10);
        assert!(!got.contains(&other), "{other}: other category");
        assert!(got.contains(&"feed.xml".to_string()));
    }

    #[test]
    fn related_lists_are_judged_the_same_only_where_they_are() {
        let article = |n: usize, day: usize| {
            let text = format!(
                "---\ntitle: Bài {n}\ndate: 2023-{:02}-{:02}\ncategory: C{}\ntags: [T{}, U{}]\n---\nThân.\n",
                day / 28 + 1,
                day % 28 + 1,
                n % 3,
                n % 7,
                (n + 3) % 11
            );
            parse_article(Path::new(&format!("content/bai-{n}.md")), &text, &config()).unwrap()
        };
        let build = |articles: Vec<Article>| {
            let visible = Visibility {
                drafts: true,
                future: true,
            };
            site::build(config(), articles, visible, chrono::Utc::now()).unwrap()
        };
        let before = build((0..80).map(|n| article(n, n)).collect());
        let edits: [Vec<Article>; 3] = [
            // A date edit moving an article, a deleted article, a new one.
            (0..80)
                .map(|n| article(n, if n == 30 { 55 } else { n }))
                .collect(),
            (0..80)
                .filter(|&n| n != 40)
                .map(|n| article(n, n))
                .collect(),
            (0..81).map(|n| article(n, n)).collect(),
        ];
        let files = |site: &Site, list: Vec<usize>| -> Vec<PathBuf> {
            list.into_iter()
                .map(|i| site.articles[i].source.clone())
                .collect()
        };
        for articles in edits {
            let after = build(articles);
            let old_index = before.article_positions();
            let changed: BTreeSet<&Path> = after
                .articles
                .iter()
                .filter(|a| {
                    old_index
                        .get(a.source.as_path())
                        .is_none_or(|&o| before.articles[o] != **a)
                })
                .map(|a| a.source.as_path())
                .collect();
            let same = same_related(&before, &after, &changed);
            let mut judged_same = 0;
            for (i, a) in after.articles.iter().enumerate() {
                let Some(&o) = old_index.get(a.source.as_path()) else {
                    continue;
                };
                if same[i] && !changed.contains(a.source.as_path()) {
                    judged_same += 1;
                    let (now, then) = (context::related(&after, i), context::related(&before, o));
                    assert_eq!(files(&after, now), files(&before, then), "{:?}", a.source);
                }
            }
            let count = after.articles.len();
            assert!(
                judged_same > 0 && judged_same < count,
                "{judged_same} of {count}"
            );
        }
    }

    #[test]
    fn a_change_to_the_latest_list_renders_every_page() {
        let (site, plan) = site();
        let edited = Edited {
            articles: [0].into(),
            summaries: [0].into(),
            globals: true,
            ..Edited::default()
        };
        let got = routes(&site, &plan, &[], &edited);
        let templated = plan
            .routes
            .iter()
            .filter(|r| r.spec.template().is_some())
            .count();
        assert!(got.len() > templated, "{} of {templated}", got.len());
        assert!(got.iter().any(|r| r.output == "404.html"));
    }

    #[test]
    fn a_date_edit_that_moves_the_article_renders_the_pages_whose_lists_changed() {
        let (old_site, old_plan) = site();
        let search = SearchFiles::build(&old_site);
        // bai-5 moves from index 24 to 20 (just newer than bai-9); indexes 20 to 24 shift.
        let articles = (0..30)
            .map(|n| match n {
                5 => parse(5, "Bài 5", "2023-01-10 12:00", "Thân."),
                n => original(n),
            })
            .collect();
        let visible = Visibility {
            drafts: true,
            future: true,
        };
        let site = site::build(config(), articles, visible, chrono::Utc::now()).unwrap();
        let plan = crate::plan::plan(&site, Extras::bare(&search));
        let summaries = |s: &Site| -> Vec<Value> {
            s.articles.iter().map(|a| context::summary(s, a)).collect()
        };
        let (old_summaries, new_summaries) = (summaries(&old_site), summaries(&site));
        let old = Model {
            site: &old_site,
            plan: &old_plan,
            summaries: &old_summaries,
        };
        let new = Model {
            site: &site,
            plan: &plan,
            summaries: &new_summaries,
        };
        let got: BTreeSet<&str> = rebuilt(&old, &new, &[])
            .into_iter()
            .map(|r| r.output.as_str())
            .collect();
        for shown in [
            // The article, its old and new neighbours, the home pages of indexes 20 to 25.
            "2023/01/bai-5/index.html",
            "2023/01/bai-4/index.html",
            "2023/01/bai-6/index.html",
            "2023/01/bai-9/index.html",
            "2023/01/bai-10/index.html",
            "trang/11/index.html",
            "trang/12/index.html",
            "trang/13/index.html",
            // Its category's listing and feed; "Tin khác" of the category's articles, which
            // it now enters.
            "chuyen-muc/tuyen-giao/trang/6/index.html",
            "chuyen-muc/tuyen-giao/trang/7/index.html",
            "chuyen-muc/tuyen-giao/feed.xml",
            "chuyen-muc/tuyen-giao/feed.json",
            "2023/01/bai-29/index.html",
        ] {
            assert!(got.contains(shown), "{shown} not in {got:?}");
        }
        for unchanged in [
            "index.html",
            "trang/2/index.html",
            "trang/14/index.html",
            "2023/01/bai-7/index.html",
            "2023/01/bai-8/index.html",
            "2023/01/bai-20/index.html",
            "chuyen-muc/dan-van/index.html",
            "chuyen-muc/dan-van/feed.xml",
            "chuyen-muc/dan-van/feed.json",
            "chuyen-muc/tuyen-giao/index.html",
            "sitemap.xml",
            "404.html",
        ] {
            assert!(!got.contains(unchanged), "{unchanged} picked");
        }
    }

    #[test]
    fn edits_that_move_articles_or_terms_do_not_fit_in_place() {
        let (site, _) = site();
        let i = index_of(&site, 5);
        let fits_one = |a: Article| fits(&site, &[(Slot::Article(i), a)].into());
        assert!(fits_one(parse(5, "Bài 5", "2023-01-06", "Thân mới.")));
        assert!(fits_one(parse(5, "Tiêu đề mới", "2023-01-06", "Thân.")));
        assert!(fits_one(parse(5, "Bài 5", "2023-01-06 10:00", "Thân.")));
        // A date past a neighbour's moves the article.
        assert!(!fits_one(parse(5, "Bài 5", "2023-01-09", "Thân.")));
        let mut other_term = parse(5, "Bài 5", "2023-01-06", "Thân.");
        other_term.categories = vec!["Dân vận".into()];
        assert!(!fits_one(other_term));
        let mut tagged = original(5);
        tagged.tags = vec!["Lào Cai".into()];
        assert!(!fits_one(tagged));
        let photo = parse(5, "Bài 5", "2023-01-06", "![Ảnh](anh.jpg)");
        assert!(!fits_one(photo));
    }
}
