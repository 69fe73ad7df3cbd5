//! Issue 19, theme: "Bài liên quan" chosen by shared tags, then category; share links for
//! Facebook and Zalo as plain links; the feed link in words readers know.

use crate::support as common;

use common::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    let articles: &[(&str, &str, &str)] = &[
        ("chinh", "Dân vận", "[nước sạch, vùng cao, dân vận khéo]"),
        ("hai-the", "Tuyên giáo", "[nước sạch, vùng cao]"),
        ("mot-the", "Kinh tế", "[vùng cao]"),
        ("cung-muc", "Dân vận", "[]"),
        ("khac", "Kinh tế", "[du lịch]"),
    ];
    for (i, (slug, category, tags)) in articles.iter().enumerate() {
        site.article(
            &format!("content/{slug}.md"),
            &format!(
                "title: Bài {slug}\ndate: 2024-01-{:02}\nslug: {slug}\ncategory: {category}\ntags: {tags}",
                i + 1
            ),
            "Sapo.\n\nThân bài.\n",
        );
    }
    site.build(&[]);
    site
}

#[test]
fn related_articles_share_tags_first_then_the_category() {
    let site = site();
    let html = site.read("2024/01/chinh/index.html");
    let related = &html[html
        .find("id=\"related-heading\">Bài liên quan</h2>")
        .unwrap()..];
    let related = &related[..related.find("</ul>").unwrap()];
    let order: Vec<&str> = related
        .split("<li><a href=\"/2024/01/")
        .skip(1)
        .map(|s| &s[..s.find('/').unwrap()])
        .collect();
    // Two shared tags, one shared tag (though newer), then the same category.
    assert_eq!(order, ["hai-the", "mot-the", "cung-muc"]);
}

#[test]
fn share_links_are_plain_links_and_the_feed_says_rss() {
    let site = site();
    let html = site.read("2024/01/chinh/index.html");
    let encoded = "https%3A%2F%2Fx%2Egov%2Evn%2F2024%2F01%2Fchinh%2F";
    assert!(html.contains(&format!(
        "href=\"https://www.facebook.com/sharer/sharer.php?u={encoded}\""
    )));
    assert!(html.contains(&format!("customize=false&amp;href={encoded}\"")));
    // Links only: no script or frame of theirs.
    for host in [
        "facebook.net",
        "connect.facebook",
        "sp.zalo.me/plugins",
        "<iframe",
    ] {
        assert!(!html.contains(host), "{host}");
    }
    assert!(html.contains(">Theo dõi tin mới qua RSS</a>"));
    assert!(!html.contains("(Atom)"));
}
