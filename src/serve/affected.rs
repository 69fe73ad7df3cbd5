//! Which pages an in-place edit can change. An edit that keeps every article in its place
//! and every term as it was changes only the pages showing an edited article's own data or
//! its summary (title, date, sapo, terms, address), found here from the model. Pure.

use crate::content::Article;
use crate::context;
use crate::plan::{Plan, Route, Spec};
use crate::render;
use crate::site::{self, Site};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

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
        Spec::TaxonomyTerm { kind, term, page } => {
            let items = &site.taxonomy(*kind).terms[*term].articles;
            listed(&items[context::listing_window(items.len(), paginate, *page)])
        }
        Spec::Feed { scope } => render::feed_indices(site, *scope)
            .iter()
            .any(|i| edited.articles.contains(i)),
        // Addresses, and the dates the summaries carry.
        Spec::Sitemap => renamed || !changed.is_empty(),
        // The index reads titles, sapos and bodies (the page carries its manifest).
        Spec::Search { .. } | Spec::SearchIndex { .. } => !edited.articles.is_empty(),
        // Term names and counts, fixed texts; an alias's target is in its route, which
        // `renamed` names.
        Spec::TaxonomyList { .. } | Spec::NotFound | Spec::Alias { .. } | Spec::Robots => false,
    }
}

/// The articles whose "Tin khác" list shows one of `changed`.
fn related_lists(site: &Site, changed: &BTreeSet<usize>) -> BTreeSet<usize> {
    let mut beside = BTreeSet::new();
    for &i in changed {
        for term in &site.categories.terms {
            // A list shows the newest of a category but its own article: the article is on
            // one only when it is among the newest `RELATED_COUNT + 1`.
            let near_top = term.articles.iter().take(context::RELATED_COUNT + 1);
            if !near_top.clone().any(|&x| x == i) {
                continue;
            }
            beside.extend(
                term.articles
                    .iter()
                    .copied()
                    .filter(|&j| context::related(site, j).any(|x| x == i)),
            );
        }
    }
    beside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::parse_article;
    use crate::site::Visibility;
    use std::path::Path;

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
        let plan = crate::plan::plan(&site, &[], &[]);
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
            ["2023/01/bai-5/index.html", "chuyen-muc/tuyen-giao/feed.xml",]
        );
    }

    #[test]
    fn a_title_edit_renders_every_page_listing_the_article() {
        let (mut site, plan) = site();
        let i = index_of(&site, 5);
        // The index the old plan published, as the dev server keeps it for a moment.
        let search = crate::plan::SearchFiles::build(&site);
        site.articles[i] = parse(5, "Tiêu đề mới", "2023-01-06", "Thân.");
        let moved = crate::plan::plan_with_search(&site, &[], &[], &search);
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
            // Its category's feed; the listing pages that show it (index 24: home page
            // 13; 13th of 15 in its category: page 7); the sitemap (addresses changed).
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
