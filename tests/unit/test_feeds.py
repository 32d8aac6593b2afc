"""RSS, Atom, sitemap and robots.txt: parsed with xml.etree and checked value by value."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from blogforge.config import Config
from blogforge.feeds import (
    FeedError,
    FeedItem,
    atom,
    feeds_possible,
    robots_txt,
    rss,
    rss_date,
    sitemap,
    sitemap_files,
    sitemap_index,
)

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"


def make_config(**changes: object) -> Config:
    values: dict[str, object] = {
        "root": Path("/site"),
        "title": "My blog",
        "description": "Notes",
        "site": "https://example.com",
    }
    values.update(changes)
    return Config(**values)  # type: ignore[arg-type]


OLD = FeedItem(
    title="Old post",
    url="https://example.com/posts/old/",
    description="First",
    pub_date=datetime(2022, 9, 10, tzinfo=UTC),
    updated=None,
    tags=("a",),
)
NEW = FeedItem(
    title="New post",
    url="https://example.com/posts/new",
    description="Second",
    pub_date=datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC),
    updated=datetime(2023, 2, 1, tzinfo=UTC),
    tags=("b", "c"),
)


def parse(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(data)


def test_rss_matches_astro_layout_byte_for_byte() -> None:
    data = rss(make_config(), [OLD])
    assert data.decode() == (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>My blog</title><description>Notes</description>"
        "<link>https://example.com/</link>"
        "<item><title>Old post</title><link>https://example.com/posts/old/</link>"
        '<guid isPermaLink="true">https://example.com/posts/old/</guid>'
        "<description>First</description><pubDate>Sat, 10 Sep 2022 00:00:00 GMT</pubDate>"
        "</item></channel></rss>"
    )


def test_rss_items_newest_first_with_trailing_slash() -> None:
    root = parse(rss(make_config(), [OLD, NEW]))
    items = root.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["New post", "Old post"]
    assert items[0].findtext("link") == "https://example.com/posts/new/"
    assert items[0].find("guid").get("isPermaLink") == "true"  # type: ignore[union-attr]
    assert items[0].findtext("pubDate") == "Mon, 02 Jan 2023 03:04:05 GMT"


def test_rss_percent_encodes_non_ascii_links() -> None:
    item = FeedItem("Ñandú", "https://example.com/posts/ñandú-café/", "d", OLD.pub_date)
    root = parse(rss(make_config(), [item]))
    assert root.findtext("channel/item/link") == (
        "https://example.com/posts/%C3%B1and%C3%BA-caf%C3%A9/"
    )
    assert root.findtext("channel/item/title") == "Ñandú"


def test_rss_accepts_site_paths_and_keeps_file_links() -> None:
    config = make_config(site="https://example.com/")
    path_item = FeedItem("p", "/blog/x", "d", OLD.pub_date)
    file_item = FeedItem("f", "https://example.com/notes.html", "d", OLD.pub_date)
    links = [i.findtext("link") for i in parse(rss(config, [path_item, file_item])).iter("item")]
    assert links == ["https://example.com/blog/x/", "https://example.com/notes.html"]


def test_trailing_slash_never_is_respected() -> None:
    item = FeedItem("p", "https://example.com/blog/x", "d", OLD.pub_date)
    root = parse(rss(make_config(trailing_slash="never"), [item]))
    assert root.findtext("channel/item/link") == "https://example.com/blog/x"


HOSTILE = 'A <b> & "q" \'s ]]> end'


def test_hostile_text_stays_well_formed_in_every_feed() -> None:
    item = FeedItem(
        HOSTILE, "https://example.com/p/?a=1&b=2", HOSTILE, OLD.pub_date, tags=(HOSTILE,)
    )
    config = make_config(title=HOSTILE, description=HOSTILE, author=HOSTILE)
    rss_root = parse(rss(config, [item]))
    assert rss_root.findtext("channel/title") == HOSTILE
    assert rss_root.findtext("channel/item/title") == HOSTILE
    assert rss_root.findtext("channel/item/description") == HOSTILE
    assert rss_root.findtext("channel/item/link") == "https://example.com/p/?a=1&b=2"
    atom_root = parse(atom(config, [item]))
    assert atom_root.findtext(f"{ATOM}entry/{ATOM}summary") == HOSTILE
    category = atom_root.find(f"{ATOM}entry/{ATOM}category")
    assert category is not None and category.get("term") == HOSTILE


def test_control_characters_are_dropped_not_emitted() -> None:
    item = FeedItem("bell\x07 title", "https://example.com/p/", "form\x0cfeed", OLD.pub_date)
    root = parse(rss(make_config(), [item]))
    assert root.findtext("channel/item/title") == "bell title"
    assert root.findtext("channel/item/description") == "formfeed"


def test_rss_full_content_declares_the_content_namespace() -> None:
    item = FeedItem(
        "t", "https://example.com/p/", "d", OLD.pub_date, content_html="<p>Hi &amp;</p>"
    )
    data = rss(make_config(), [item])
    assert b'xmlns:content="http://purl.org/rss/1.0/modules/content/"' in data
    assert parse(data).findtext(f"channel/item/{CONTENT}encoded") == "<p>Hi &amp;</p>"
    assert b"xmlns:content" not in rss(make_config(), [OLD])


def test_rss_without_description_omits_it() -> None:
    item = FeedItem("t", "https://example.com/p/", "", OLD.pub_date)
    assert parse(rss(make_config(), [item])).find("channel/item/description") is None


def test_empty_channel_description_is_an_empty_element() -> None:
    data = rss(make_config(description=""), [])
    assert b"<description/>" in data
    assert parse(data).findtext("channel/description") == ""


def test_rss_date_converts_offsets_to_gmt() -> None:
    paris = timezone(timedelta(hours=2))
    assert rss_date(datetime(2022, 9, 10, 1, 0, tzinfo=paris)) == "Fri, 09 Sep 2022 23:00:00 GMT"


def test_naive_dates_are_refused() -> None:
    item = FeedItem("t", "https://example.com/p/", "d", datetime(2022, 9, 10))
    with pytest.raises(FeedError, match="time zone"):
        rss(make_config(), [item])


def test_atom_has_required_elements() -> None:
    config = make_config(base="/sub/", author="Ada")
    root = parse(atom(config, [OLD, NEW]))
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "https://example.com/sub/"
    assert root.findtext(f"{ATOM}title") == "My blog"
    assert root.findtext(f"{ATOM}updated") == "2023-02-01T00:00:00Z"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Ada"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == "https://example.com/sub/atom.xml"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["New post", "Old post"]
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == "https://example.com/posts/new/"
    assert first.findtext(f"{ATOM}published") == "2023-01-02T03:04:05Z"
    assert first.findtext(f"{ATOM}updated") == "2023-02-01T00:00:00Z"
    assert entries[1].findtext(f"{ATOM}updated") == "2022-09-10T00:00:00Z"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["b", "c"]


def test_empty_atom_feed_does_not_read_the_clock() -> None:
    root = parse(atom(make_config(), []))
    assert root.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert root.findall(f"{ATOM}entry") == []


def test_sitemap_matches_sitemap_js_layout() -> None:
    data = sitemap(["https://example.com/", "https://example.com/posts/ñ/"])
    text = data.decode()
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
    )
    assert text.endswith(
        "<url><loc>https://example.com/</loc></url>"
        "<url><loc>https://example.com/posts/%C3%B1/</loc></url></urlset>"
    )
    locs = [loc.text for loc in parse(data).iter(f"{SM}loc")]
    assert locs == ["https://example.com/", "https://example.com/posts/%C3%B1/"]


def test_sitemap_index_makes_paths_absolute() -> None:
    data = sitemap_index(make_config(), ["/sitemap-0.xml"])
    assert data.decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>https://example.com/sitemap-0.xml</loc></sitemap></sitemapindex>"
    )


def test_sitemap_files_under_a_base_path() -> None:
    files = sitemap_files(make_config(base="/blog/"), ["https://example.com/blog/"])
    assert sorted(files) == ["sitemap-0.xml", "sitemap-index.xml"]
    index = parse(files["sitemap-index.xml"])
    assert [loc.text for loc in index.iter(f"{SM}loc")] == [
        "https://example.com/blog/sitemap-0.xml"
    ]


def test_sitemap_files_split_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import blogforge.feeds as feeds_module

    monkeypatch.setattr(feeds_module, "SITEMAP_LIMIT", 2)
    urls = [f"https://example.com/p{i}/" for i in range(5)]
    files = sitemap_files(make_config(), urls)
    assert sorted(files) == ["sitemap-0.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-index.xml"]
    last = parse(files["sitemap-2.xml"])
    assert [loc.text for loc in last.iter(f"{SM}loc")] == ["https://example.com/p4/"]


def test_robots_txt_points_at_the_sitemap_index() -> None:
    assert robots_txt(make_config(base="/sub/")) == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.com/sub/sitemap-index.xml\n"
    )
    assert "Sitemap" not in robots_txt(make_config(site=""))


def test_without_site_feeds_are_not_possible_and_say_why() -> None:
    config = make_config(site="")
    assert not feeds_possible(config)
    assert feeds_possible(make_config())
    with pytest.raises(FeedError, match="set `site`"):
        rss(config, [OLD])
    with pytest.raises(FeedError, match="set `site`"):
        atom(config, [OLD])
