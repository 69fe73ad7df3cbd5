//! Tests of the warm pipeline: after each kind of change, what is rendered again, and that
//! the served files equal a fresh full build of the same sources, byte for byte.

use super::changes::Changes;
use super::incremental::{Rebuilt, Warm, VISIBILITY};
use super::pass::Output;
use crate::load::AssetSource;
use crate::pipeline::{self, BuildOptions};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

const ORIGIN: &str = "http://127.0.0.1:1313";

struct Fixture {
    dir: tempfile::TempDir,
    warm: Warm,
}

fn article(title: &str, date: &str, category: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ncategory: {category}\nauthor: Hồng Hải\n---\n{body}\n"
    )
}

impl Fixture {
    /// 24 articles in three categories, two per listing page, one static page, one photo.
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write(
            "site.yaml",
            "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/tv/\npaginate: 2\n",
        );
        for i in 0..24 {
            let category = ["Dân vận", "Tuyên giáo", "Xây dựng Đảng"][i % 3];
            let date = format!("2023-01-{:02} 08:00", i + 1);
            let body = format!("Sapo bài {i}.\n\nThân bài số {i}.");
            write(
                &format!("content/2023/bai-{i}.md"),
                &article(&format!("Bài số {i}"), &date, category, &body),
            );
        }
        write(
            "content/gioi-thieu.md",
            "---\ntitle: Giới thiệu\ndate: 2020-01-01\nkind: page\n---\nTrang giới thiệu.\n",
        );
        write("content/anh/logo.png", "png bytes");
        let mut warm = Warm::new(root, Some(ORIGIN.into()));
        warm.full().unwrap();
        // Steps of a few pages, so that a save often comes in the middle of the pass.
        warm.set_step(3);
        Fixture { dir, warm }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Applies changes, then what was left for later; checks the result against a full
    /// build and returns what was rendered and changed in both steps.
    fn apply(&mut self, changes: Changes) -> Rebuilt {
        self.apply_then(changes, usize::MAX)
    }

    /// Applies changes and at most `steps` steps of the background pass. Every published
    /// page not pending must equal a full build's at each point; once nothing is pending,
    /// the search index follows and everything must.
    fn apply_then(&mut self, changes: Changes, steps: usize) -> Rebuilt {
        let mut rebuilt = self.warm.apply(&changes).unwrap();
        let full = full_build(self.root());
        // The search index and the sitemap follow once saves pause.
        let settled = |p: &String| !p.starts_with("tim-kiem/") && p != "sitemap.xml";
        let ready = |files: &BTreeMap<String, Vec<u8>>, pending: &HashSet<Output>| {
            files
                .iter()
                .filter(|(p, _)| !pending.contains(p.as_str()) && settled(p))
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect::<BTreeMap<_, _>>()
        };
        let mut pending = rebuilt.pending.clone();
        assert_same(
            &ready(&served(&rebuilt), &pending),
            &ready(&full, &pending),
            &changes,
        );
        let mut taken = 0;
        while taken < steps {
            let Some(step) = self.warm.follow(&[]) else {
                break;
            };
            let step = step.unwrap();
            rebuilt.files = step.files;
            rebuilt.rendered.extend(step.rendered);
            rebuilt.changed.extend(step.changed);
            pending = step.pending;
            taken += 1;
            assert_same(
                &ready(&served(&rebuilt), &pending),
                &ready(&full, &pending),
                &changes,
            );
        }
        if self.warm.has_pending() {
            return rebuilt;
        }
        if let Some(later) = self.warm.settle() {
            let later = later.unwrap();
            rebuilt.files = later.files;
            rebuilt.rendered.extend(later.rendered);
            rebuilt.changed.extend(later.changed);
        }
        assert_same(&served(&rebuilt), &full, &changes);
        rebuilt
    }

    fn edit(&mut self, rel: &str, text: &str) -> Rebuilt {
        self.write(rel, text);
        self.apply(Changes {
            markdown: [PathBuf::from(rel)].into(),
            ..Changes::default()
        })
    }
}

/// Fails naming the paths that differ, not dumping the bytes.
fn assert_same(
    served: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
    after: &Changes,
) {
    let differ: Vec<&String> = served
        .keys()
        .chain(full.keys())
        .filter(|p| served.get(*p) != full.get(*p))
        .collect();
    assert!(
        differ.is_empty(),
        "after {after:?}, these differ from a full build: {differ:?}"
    );
}

fn served(rebuilt: &Rebuilt) -> BTreeMap<String, Vec<u8>> {
    rebuilt
        .files
        .iter()
        .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
        .collect()
}

/// What `build` would publish for the same sources, as `serve` configures it.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let base_path = pipeline::load_config(root, None).unwrap().base_path;
    let rendered = pipeline::render_site(&BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: Some(format!("{ORIGIN}{base_path}")),
        visibility: VISIBILITY,
        dry_run: false,
    })
    .unwrap();
    let mut files: BTreeMap<String, Vec<u8>> = rendered
        .outputs
        .into_iter()
        .map(|o| (o.path, o.bytes))
        .collect();
    for asset in &rendered.plan.assets {
        let bytes = match &asset.source {
            AssetSource::Disk(path) | AssetSource::Cached(path) => fs::read(path).unwrap(),
            AssetSource::BuiltinTheme(rel) => crate::builtin::static_bytes(rel).unwrap().to_vec(),
        };
        files.insert(asset.output.clone(), bytes);
    }
    files
}

fn set(paths: &[String]) -> BTreeSet<&str> {
    paths.iter().map(String::as_str).collect()
}

#[test]
fn body_edit_renders_the_article_and_its_feeds_only() {
    let mut f = Fixture::new();
    let text = article(
        "Bài số 0",
        "2023-01-01 08:00",
        "Dân vận",
        "Sapo bài 0.\n\nThân mới.",
    );
    let r = f.edit("content/2023/bai-0.md", &text);
    let page = "2023/01/bai-so-0/index.html";
    // The search index and the sitemap are rendered again once saves pause (`settle`).
    let not_search = |p: &&str| !p.starts_with("tim-kiem/") && *p != "sitemap.xml";
    assert!(
        r.rendered
            .iter()
            .any(|p| p.starts_with("tim-kiem/chi-muc/")),
        "the search index reads bodies"
    );
    assert_eq!(
        set(&r.rendered)
            .into_iter()
            .filter(not_search)
            .collect::<BTreeSet<_>>(),
        [
            page,
            "chuyen-muc/dan-van/feed.json",
            "chuyen-muc/dan-van/feed.xml"
        ]
        .into(),
        "the oldest article is in the feeds of its category (8 articles), not in the site's \
         or its author's (24 articles; feeds hold the 20 newest)"
    );
    let changed: BTreeSet<&str> = set(&r.changed).into_iter().filter(not_search).collect();
    assert_eq!(
        changed,
        [
            page,
            "chuyen-muc/dan-van/feed.json",
            "chuyen-muc/dan-van/feed.xml"
        ]
        .into()
    );
}

#[test]
fn title_edit_renders_the_pages_that_show_the_title() {
    let mut f = Fixture::new();
    let text = article(
        "Tiêu đề mới",
        "2023-01-01 08:00",
        "Dân vận",
        "Sapo bài 0.\n\nThân bài số 0.",
    );
    let r = f.edit("content/2023/bai-0.md", &text);
    let rendered = set(&r.rendered);
    for shown in [
        "2023/01/tieu-de-moi/index.html",
        "trang/12/index.html",
        "chuyen-muc/dan-van/trang/4/index.html",
        "2023/01/bai-so-1/index.html",
    ] {
        assert!(
            rendered.contains(shown),
            "{shown} not rendered: {rendered:?}"
        );
    }
    for unrelated in [
        "index.html",
        "2023/01/bai-so-23/index.html",
        "gioi-thieu/index.html",
    ] {
        assert!(!rendered.contains(unrelated), "{unrelated} rendered again");
    }
    assert!(r
        .changed
        .contains(&"2023/01/bai-so-0/index.html".to_string()));
    assert!(!f
        .warm
        .apply(&Changes::default())
        .unwrap()
        .changed
        .iter()
        .any(|p| p.contains("bai-so-0/")));
}

#[test]
fn edits_in_place_and_edits_that_move_articles_equal_a_full_build() {
    let mut f = Fixture::new();
    let edit = |f: &mut Fixture, n: usize, title: &str, date: &str, extra: &str| {
        let category = ["Dân vận", "Tuyên giáo", "Xây dựng Đảng"][n % 3];
        let text = format!(
            "---\ntitle: {title}\ndate: {date}\ncategory: {category}\nauthor: Hồng Hải\n{extra}---\nSapo bài {n}.\n\nThân bài số {n}.\n"
        );
        f.edit(&format!("content/2023/bai-{n}.md"), &text)
    };
    // The newest article is in "Tin mới nhất": every page shows its new title.
    let r = edit(&mut f, 23, "Bài mới nhất", "2023-01-24 08:00", "");
    assert!(r.rendered.contains(&"gioi-thieu/index.html".to_string()));
    // A later hour the same day keeps the order and the address.
    edit(&mut f, 10, "Bài số 10", "2023-01-11 09:30", "");
    // A date past its neighbours moves the article down the lists (and to another month).
    edit(&mut f, 10, "Bài số 10", "2023-02-15 09:30", "");
    // A sapo, a featured flag, an alias, a tag.
    edit(
        &mut f,
        4,
        "Bài số 4",
        "2023-01-05 08:00",
        "summary: Sapo khác.\n",
    );
    edit(
        &mut f,
        4,
        "Bài số 4",
        "2023-01-05 08:00",
        "featured: true\n",
    );
    edit(
        &mut f,
        4,
        "Bài số 4",
        "2023-01-05 08:00",
        "aliases: [/cu/bai-4/]\n",
    );
    edit(
        &mut f,
        4,
        "Bài số 4 mới",
        "2023-01-05 08:00",
        "aliases: [/cu/bai-4/]\n",
    );
    edit(
        &mut f,
        4,
        "Bài số 4 mới",
        "2023-01-05 08:00",
        "tags: [Lào Cai]\n",
    );
    // A title that would take another article's address.
    f.write(
        "content/2023/bai-6.md",
        &article("Bài số 5", "2023-01-07 08:00", "Dân vận", "Thân."),
    );
    let errors = f
        .warm
        .apply(&Changes {
            markdown: ["content/2023/bai-6.md".into()].into(),
            ..Changes::default()
        })
        .unwrap_err();
    assert!(errors
        .0
        .iter()
        .any(|d| d.message.contains("already publishes")));
    edit(&mut f, 6, "Bài số 6", "2023-01-07 08:00", "");
    // Another category; a tag spelled otherwise in an older article (which names the term).
    f.edit(
        "content/2023/bai-7.md",
        &article("Bài số 7", "2023-01-08 08:00", "Dân vận", "Thân."),
    );
    edit(
        &mut f,
        2,
        "Bài số 2",
        "2023-01-03 08:00",
        "tags: [lào cai]\n",
    );
    // An old article added at the end of the lists, one deleted from their middle.
    f.edit(
        "content/2022/cu.md",
        &article("Bài cũ", "2022-05-01 08:00", "Dân vận", "Thân."),
    );
    fs::remove_file(f.root().join("content/2023/bai-12.md")).unwrap();
    f.apply(Changes {
        markdown: ["content/2023/bai-12.md".into()].into(),
        ..Changes::default()
    });
    // The static page's title.
    f.edit(
        "content/gioi-thieu.md",
        "---\ntitle: Về chúng tôi\ndate: 2020-01-01\nkind: page\n---\nTrang giới thiệu.\n",
    );
}

/// A long run of mixed edits, chosen by a fixed pseudo-random sequence, each checked
/// against a full build: in-place edits and rebuilt models one after the other.
#[test]
fn a_run_of_mixed_edits_always_equals_a_full_build() {
    let mut f = Fixture::new();
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for step in 0..36 {
        let n = next(24);
        let rel = format!("content/2023/bai-{n}.md");
        let category = ["Dân vận", "Tuyên giáo", "Xây dựng Đảng"][next(3) as usize];
        let (day, hour) = (next(28) + 1, next(24));
        let title = match next(2) {
            0 => format!("Bài số {n}"),
            _ => format!("Bài số {n} sửa lần {step}"),
        };
        let extra = match next(4) {
            0 => "featured: true\n",
            1 => "tags: [Lào Cai, nông thôn mới]\n",
            2 => "summary: Sapo viết tay.\n",
            _ => "",
        };
        let text = format!(
            "---\ntitle: {title}\ndate: 2023-0{}-{day:02} {hour:02}:00\ncategory: {category}\nauthor: Hồng Hải\n{extra}---\nSapo bài {n}.\n\nThân bài {n}, lần {step}.\n",
            1 + next(2),
        );
        // Mostly small edits of one field, as an editor makes them.
        let old = fs::read_to_string(f.root().join(&rel)).ok();
        let text = match (next(4), &old) {
            (0, Some(old)) => old.replace("\n---\n", &format!("\n---\nThêm {step}.\n\n")),
            (1, Some(_)) => {
                fs::remove_file(f.root().join(&rel)).unwrap();
                String::new()
            }
            _ => text,
        };
        if !text.is_empty() {
            f.write(&rel, &text);
        }
        // Often the next save comes before the background pass is done.
        let steps = [0, 1, usize::MAX][next(3) as usize];
        f.apply_then(
            Changes {
                markdown: [PathBuf::from(&rel)].into(),
                ..Changes::default()
            },
            steps,
        );
    }
    f.apply(Changes::default());
}

/// The search index is built on another thread once saves pause: one read from the model
/// before a later save is dropped, and the next is read from the new model.
#[test]
fn a_search_index_read_before_a_later_save_is_not_published() {
    let mut f = Fixture::new();
    let save = |f: &mut Fixture, rel: &str, title: &str| {
        f.write(
            rel,
            &article(title, "2023-01-04 08:00", "Dân vận", "Sapo.\n\nThân."),
        );
        let changes = Changes {
            markdown: [PathBuf::from(rel)].into(),
            ..Changes::default()
        };
        f.warm.apply(&changes).unwrap();
        while let Some(step) = f.warm.follow(&[]) {
            step.unwrap();
        }
        changes
    };
    save(&mut f, "content/2023/bai-3.md", "Tên thứ nhất");
    let early = f.warm.index_job().expect("the index is left for later");
    let changes = save(&mut f, "content/2023/bai-3.md", "Tên thứ hai");
    assert!(f.warm.settle_with(early.run()).is_none());
    let later = f.warm.settle().expect("still left for later").unwrap();
    assert!(later.changed.iter().any(|p| p.starts_with("tim-kiem/")));
    assert_same(&served(&later), &full_build(f.root()), &changes);
    assert!(f.warm.index_job().is_none());
}

#[test]
fn new_deleted_and_renamed_articles() {
    let mut f = Fixture::new();
    let r = f.edit(
        "content/2024/moi.md",
        &article("Bài mới", "2024-02-01", "Dân vận", "Sapo.\n\nThân."),
    );
    assert!(r
        .changed
        .contains(&"2024/02/bai-moi/index.html".to_string()));
    // The newest article is in every page's "Tin mới nhất": its own page and the home
    // page are rendered at once, the other articles' pages follow.
    assert!(
        r.pending.contains("2023/01/bai-so-3/index.html"),
        "{:?}",
        r.pending
    );
    assert!(!r.pending.contains("index.html") && !r.pending.contains("2024/02/bai-moi/index.html"));
    fs::rename(
        f.root().join("content/2023/bai-5.md"),
        f.root().join("content/2023/bai-5b.md"),
    )
    .unwrap();
    f.apply(Changes {
        markdown: [
            "content/2023/bai-5.md".into(),
            "content/2023/bai-5b.md".into(),
        ]
        .into(),
        ..Changes::default()
    });
    fs::remove_file(f.root().join("content/2024/moi.md")).unwrap();
    let r = f.apply(Changes {
        markdown: ["content/2024/moi.md".into()].into(),
        ..Changes::default()
    });
    assert!(r
        .changed
        .contains(&"2024/02/bai-moi/index.html".to_string()));
    assert!(!r.files.contains_key("2024/02/bai-moi/index.html"));
}

#[test]
fn folders_renamed_and_removed_are_walked_again() {
    let mut f = Fixture::new();
    fs::rename(f.root().join("content/2023"), f.root().join("content/cu")).unwrap();
    // Only the folder is reported, as for `mv`.
    f.apply(Changes {
        assets: ["content/2023".into()].into(),
        ..Changes::default()
    });
    fs::remove_dir_all(f.root().join("content/anh")).unwrap();
    f.apply(Changes {
        rescan: true,
        ..Changes::default()
    });
}

#[test]
fn assets_added_and_removed() {
    let mut f = Fixture::new();
    f.write("content/tai-lieu/quy-dinh.pdf", "pdf");
    let r = f.apply(Changes {
        assets: ["content/tai-lieu/quy-dinh.pdf".into()].into(),
        ..Changes::default()
    });
    assert_eq!(r.changed, ["tai-lieu/quy-dinh.pdf"]);
    assert!(r
        .rendered
        .iter()
        .all(|p| p == "sitemap.xml" || p == "robots.txt" || p.starts_with("tim-kiem/chi-muc/")));
}

fn builtin_template(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/templates")
        .join(name);
    fs::read_to_string(path).unwrap()
}

#[test]
fn template_change_renders_the_pages_using_it() {
    let mut f = Fixture::new();
    let page = builtin_template("page.html").replace("{% block", "<!-- mới -->{% block");
    f.write("themes/default/templates/page.html", &page);
    let r = f.apply(Changes {
        theme: true,
        ..Changes::default()
    });
    let templated: BTreeSet<&str> = set(&r.rendered)
        .into_iter()
        .filter(|p| {
            !matches!(*p, "sitemap.xml" | "robots.txt") && !p.starts_with("tim-kiem/chi-muc/")
        })
        .collect();
    assert_eq!(templated, ["gioi-thieu/index.html"].into());
}

#[test]
fn strings_and_stylesheet_changes() {
    let mut f = Fixture::new();
    f.write("themes/default/strings.yaml", "latest: Tin vừa đăng\n");
    let r = f.apply(Changes {
        theme: true,
        ..Changes::default()
    });
    assert!(
        r.rendered.len() > 40,
        "every page shows the words: {}",
        r.rendered.len()
    );
    f.write(
        "themes/default/static/css/style.css",
        "body { color: red }\n",
    );
    let r = f.apply(Changes {
        theme: true,
        ..Changes::default()
    });
    assert_eq!(r.changed, ["css/style.css"]);
}

#[test]
fn config_change_rebuilds_everything_under_the_new_base_path() {
    let mut f = Fixture::new();
    f.write(
        "site.yaml",
        "title: Tuyên vận\nbase_url: https://x.gov.vn/khac/\npaginate: 3\n",
    );
    let r = f.apply(Changes {
        config: true,
        ..Changes::default()
    });
    assert_eq!(r.base_path, "/khac/");
}

#[test]
fn broken_files_keep_the_last_good_build_until_fixed() {
    let mut f = Fixture::new();
    f.write(
        "content/2023/bai-1.md",
        "---\ntitle: x\ndate: khong-phai-ngay\n---\nThân.\n",
    );
    let changes = Changes {
        markdown: ["content/2023/bai-1.md".into()].into(),
        ..Changes::default()
    };
    let errors = f.warm.apply(&changes).unwrap_err();
    assert!(errors
        .0
        .iter()
        .any(|d| d.path.ends_with("bai-1.md") && d.line.is_some()));
    f.write("themes/default/templates/article.html", "{% if %}");
    let errors = f
        .warm
        .apply(&Changes {
            theme: true,
            ..Changes::default()
        })
        .unwrap_err();
    assert!(errors.0.iter().any(|d| d.path.ends_with("article.html")));
    fs::remove_file(f.root().join("themes/default/templates/article.html")).unwrap();
    let still = f.warm.apply(&Changes {
        theme: true,
        ..Changes::default()
    });
    assert!(still.is_err(), "the article is still broken");
    f.edit(
        "content/2023/bai-1.md",
        &article(
            "Bài số 1",
            "2023-01-02 08:00",
            "Tuyên giáo",
            "Sapo sửa.\n\nThân.",
        ),
    );
}

#[test]
fn photos_are_served_with_their_copies_and_body_edits_keep_them() {
    let mut f = Fixture::new();
    let img = image::RgbImage::from_fn(1000, 600, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode(&img, 1000, 600, image::ExtendedColorType::Rgb8)
        .unwrap();
    let photo = f.root().join("content/2024/anh/anh.jpg");
    fs::create_dir_all(photo.parent().unwrap()).unwrap();
    fs::write(&photo, jpeg).unwrap();
    f.apply(Changes {
        assets: ["content/2024/anh/anh.jpg".into()].into(),
        ..Changes::default()
    });
    let text = |body: &str| {
        format!("---\ntitle: Ảnh\ndate: 2024-02-01\nimage: anh.jpg\n---\nSapo.\n\n![Ảnh](anh.jpg)\n\n{body}\n")
    };
    let r = f.edit("content/2024/anh/index.md", &text("Thân."));
    let page = String::from_utf8_lossy(&r.files["2024/02/anh/index.html"]).into_owned();
    assert!(page.contains("anh.960w.webp 960w"), "{page}");
    assert!(r.files.contains_key("2024/02/anh/anh.thumb.jpg"));
    // A body edit of an article with photos still serves the copies (as a full build would).
    let r = f.edit("content/2024/anh/index.md", &text("Thân bài mới."));
    let page = String::from_utf8_lossy(&r.files["2024/02/anh/index.html"]).into_owned();
    assert!(
        page.contains("Thân bài mới.") && page.contains("anh.1000w.jpg"),
        "{page}"
    );
}

/// A page still queued for the background pass (an old article's "Tin mới nhất" after a new
/// article), asked for by a request while the pass is busy, is rendered in the next step,
/// ahead of the pages queued before it, from the new model: it equals a full build's.
#[test]
fn a_page_asked_for_while_the_background_pass_is_busy_is_rendered_next() {
    let mut f = Fixture::new();
    f.write(
        "content/2024/moi.md",
        &article("Bài mới", "2024-02-01", "Dân vận", "Sapo.\n\nThân."),
    );
    let changes = Changes {
        markdown: ["content/2024/moi.md".into()].into(),
        ..Changes::default()
    };
    let r = f.warm.apply(&changes).unwrap();
    // The oldest article: the last one the background pass would reach.
    let asked = "2023/01/bai-so-0/index.html";
    assert!(r.pending.contains(asked));
    let stale = String::from_utf8_lossy(&r.files[asked]).into_owned();
    assert!(!stale.contains("Bài mới"));
    let busy = f.warm.follow(&[]).unwrap().unwrap();
    assert!(busy.pending.contains(asked) && !busy.rendered.iter().any(|p| p == asked));
    let step = f.warm.follow(&[asked.to_string()]).unwrap().unwrap();
    assert!(!step.pending.contains(asked) && step.rendered.iter().any(|p| p == asked));
    let full = full_build(f.root());
    assert_eq!(Some(step.files[asked].to_vec()), full.get(asked).cloned());
    assert!(String::from_utf8_lossy(&step.files[asked]).contains("Bài mới"));
    assert!(f.warm.has_pending(), "the other pages still follow");
}
