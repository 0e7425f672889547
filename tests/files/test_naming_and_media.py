"""Names, refs and media sniffing, without a store."""

from __future__ import annotations

import pytest

from lineage.files import AssetType
from lineage.files.errors import PathEscapeError
from lineage.files.layout import check_name, parse_ref
from lineage.files.naming import new_name, slugify


def test_names_follow_the_pattern() -> None:
    name = new_name(AssetType.IMAGE, "fal", "flux-pro/v1.1", "jpg")
    prefix, millis, rest = name.split("-", 2)
    assert (prefix, len(millis)) == ("img", 13)
    assert rest.startswith("fal-flux-pro-v1-1-") and rest.endswith(".jpg")
    assert new_name(AssetType.VIDEO, "kling", "v2", "mp4").startswith("vid-")
    assert new_name(AssetType.MUSIC, "suno", "v4", "mp3").startswith("aud-")
    assert new_name(AssetType.AUDIO, "eleven", "v2", "mp3").startswith("aud-")
    assert new_name(AssetType.THUMBNAIL, "fal", "x", "png").startswith("thb-")


def test_names_in_the_same_millisecond_differ() -> None:
    names = {new_name(AssetType.IMAGE, "fal", "flux", "jpg") for _ in range(2000)}
    assert len(names) == 2000


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Flux Pro v1.1", "flux-pro-v1-1"), ("../../etc", "etc"), ("", "unknown"), ("ÉÀ", "unknown")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugs_are_bounded() -> None:
    assert len(slugify("x" * 500)) == 40


def test_parse_ref() -> None:
    assert parse_ref("music/aud-1-a-b-000000.mp3") == (AssetType.MUSIC, "aud-1-a-b-000000.mp3")


@pytest.mark.parametrize("name", ["../x.jpg", "a/b.jpg", "/x.jpg", "..", ".", "a\\b.jpg", "a\0"])
def test_claimed_names_that_are_paths_are_refused(name: str) -> None:
    with pytest.raises(PathEscapeError):
        check_name(name)


def test_plain_claimed_names_pass() -> None:
    assert check_name("Shot 001 (final).jpg") == "Shot 001 (final).jpg"
