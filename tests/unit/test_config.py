"""Config loading: defaults, overrides, and every problem in blogforge.toml reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogforge.config import Config, ConfigError, load_config, normalise_base


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "blogforge.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.root == tmp_path.resolve()
    assert (config.heading_ids, config.math, config.timezone, config.base) == (
        "astro6",
        True,
        "UTC",
        "/",
    )
    assert config.content_path == tmp_path.resolve() / "content"


def test_values_are_read_and_base_normalised(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        'title = "T"\nsite = "https://x.org"\nbase = "repo"\npage_size = 3\n'
        'heading_ids = "astro5"\nmath = false\ntimezone = "Europe/Paris"\n',
    )
    config = load_config(tmp_path)
    assert config.title == "T"
    assert config.base == "/repo/"
    assert config.page_size == 3
    assert config.heading_ids == "astro5"
    assert config.math is False
    assert str(config.tzinfo) == "Europe/Paris"


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        'title = "ok"\ncolour = "blue"\npage_size = "ten"\nheading_ids = "astro4"\n'
        'timezone = "Mars/Olympus"\nmath = 1\nsite = "example.com"\nmath_font = "web"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    messages = [p.format() for p in caught.value.problems]
    path = str(tmp_path.resolve() / "blogforge.toml")
    assert messages[0].startswith(f"{path}:2: colour: unknown option (known: ")
    assert messages[1] == f'{path}:3: page_size: expected an integer, got "ten"'
    assert messages[2] == f'{path}:4: heading_ids: expected one of astro6, astro5, got "astro4"'
    assert messages[3] == (
        f'{path}:5: timezone: expected an IANA time zone such as Europe/Paris, got "Mars/Olympus"'
    )
    assert messages[4] == f"{path}:6: math: expected bool, got int 1"
    assert messages[5] == f'{path}:7: site: expected an absolute http(s) URL, got "example.com"'
    assert messages[6] == f'{path}:8: math_font: expected one of bundled, cdn, system, got "web"'
    assert len(messages) == 7


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    write_config(tmp_path, 'title = "a"\npage_size = = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    problem = caught.value.problems[0]
    assert problem.line == 2
    assert problem.message.startswith("invalid TOML")


def test_command_line_overrides_ignore_missing_values() -> None:
    config = Config().with_overrides(base="sub", site=None, drafts=True)
    assert config.base == "/sub/"
    assert config.drafts is True
    assert config.site == ""


@pytest.mark.parametrize(
    ("given", "expected"), [("", "/"), ("/", "/"), ("repo", "/repo/"), ("/a/b", "/a/b/")]
)
def test_normalise_base(given: str, expected: str) -> None:
    assert normalise_base(given) == expected


def test_image_formats_are_read_webp_first(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, 'image_formats = ["avif", "webp"]\n'))
    assert config.image_formats == ("webp", "avif")
    assert load_config(write_config(tmp_path, 'image_formats = ["webp"]\n')).image_formats == (
        "webp",
    )


@pytest.mark.parametrize("value", ['["avif"]', '["webp", "png"]', '"webp"'])
def test_image_formats_need_webp_and_known_formats(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write_config(tmp_path, f'title = "x"\nimage_formats = {value}\n'))
    assert "blogforge.toml:2: image_formats: expected" in str(error.value)


def test_redirects_are_plain_paths(tmp_path: Path) -> None:
    (tmp_path / "blogforge.toml").write_text(
        '[redirects]\n"/old" = "/new/"\n"/x/[slug]" = "/y/"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert "redirects: expected a table of plain paths" in str(raised.value)
    (tmp_path / "blogforge.toml").write_text('[redirects]\n"/old" = "/new/"\n', encoding="utf-8")
    assert load_config(tmp_path).redirects == (("/old", "/new/"),)
