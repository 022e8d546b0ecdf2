"""Covers: the drawn cover's size, determinism, margins, palettes and scripts; a user's own cover checked."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from publish.errors import PublishError
from publish.model import Metadata
from publish.render.cover import (
    HEIGHT,
    MARGIN,
    PALETTES,
    THUMBNAIL_SCALE,
    WIDTH,
    CoverText,
    contrast_ratio,
    cover_image,
    display_date,
    missing_characters,
    palette_for,
    render_cover,
    render_cover_images,
    user_cover,
)
from publish.render.cover import _paint as _paint  # the picture before it is encoded

_LONG_TITLE = (
    "On the Question of the Relation Between the Development of the Productive Forces and the "
    "Forms of Property in the Transitional Epoch, Considered Historically"
)
_MANY_AUTHORS = "Karl Marx, Friedrich Engels, Vladimir Ilyich Lenin, Rosa Luxemburg, Leon Trotsky, Antonio Gramsci"


def _image(data: bytes) -> Image.Image:
    """The cover as the RGB picture a reader sees (it is stored as a palette PNG)."""
    with Image.open(BytesIO(data)) as image:
        assert image.format == "PNG" and image.mode == "P"
        return image.convert("RGB")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _ink_columns(image: Image.Image, background: tuple[int, int, int]) -> tuple[int, int]:
    """The leftmost and rightmost columns holding any pixel that is not the background."""
    box = ImageChops.difference(image, Image.new("RGB", image.size, background)).getbbox()
    assert box is not None
    return box[0], box[2] - 1


def test_a_cover_is_a_1600_by_2400_png() -> None:
    image = _image(cover_image("The Right To Be Lazy", "Paul Lafargue", "1883", None, "en", None))
    assert image.size == (WIDTH, HEIGHT) == (1600, 2400)


def test_the_same_cover_twice_is_the_same_bytes() -> None:
    cover = CoverText(
        title="Seven Interpretive Essays on Peruvian Reality",
        author="José Carlos Mariátegui",
        date="1928",
        subtitle="Siete ensayos de interpretación de la realidad peruana",
        language="es",
        collection="Amauta",
    )
    first = render_cover(cover)
    assert render_cover(cover) == first
    assert b"tIME" not in first  # no timestamp chunk


@pytest.mark.parametrize(
    "title",
    [
        _LONG_TITLE,
        "Seven Interpretive Essays on Peruvian Reality",
        "The Struggle for a Proletarian Party",
        "Gesellschaftsverfassungsbeschwerdeverfahrensantragstellungsfristverlängerungsgesetz",
    ],
)
def test_long_titles_and_author_lists_keep_inside_the_margins(title: str) -> None:
    assert len(_LONG_TITLE) >= 150
    data = cover_image(title, _MANY_AUTHORS, "1919-03", "With a subtitle that also runs on for a while", "de", None)
    image = _image(data)
    background = _rgb(palette_for("de").background)
    left, right = _ink_columns(image, background)
    assert left >= MARGIN
    assert right < WIDTH - MARGIN
    # and the side margins hold nothing but the background, top to bottom
    for box in ((0, 0, MARGIN, HEIGHT), (WIDTH - MARGIN, 0, WIDTH, HEIGHT)):
        assert image.crop(box).getcolors() == [(MARGIN * HEIGHT, background)]


def test_a_long_title_is_set_smaller_than_a_short_one() -> None:
    background = _rgb(palette_for("en").background)

    def ink_height(title: str) -> int:
        image = _image(cover_image(title, "", None, None, "en", None))
        # the title is the only ink between the author rule and the foot rule
        body = image.crop((0, 500, WIDTH, 1900))
        box = ImageChops.difference(body, Image.new("RGB", body.size, background)).getbbox()
        assert box is not None
        return box[3] - box[1]

    assert ink_height(_LONG_TITLE) <= 1400
    assert ink_height("Capital") < 400


def test_every_palette_has_text_contrast_of_at_least_4_5() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    for palette in PALETTES:
        assert contrast_ratio(palette.background, palette.text) >= 4.5, palette.name


def test_palettes_are_chosen_by_collection_else_by_language() -> None:
    assert palette_for("es") == palette_for("es-PE") == palette_for("ES_pe")
    assert palette_for("en") != palette_for("es")
    assert palette_for("xx") == palette_for("xx")
    assert palette_for("en", "Capital Volume One") == palette_for("fr", "Capital Volume One")
    assert palette_for("en", "  ") == palette_for("en")
    assert {palette_for(language) for language in ("en", "es", "fr", "de", "it", "ru")} <= set(PALETTES)


def test_the_cover_is_drawn_in_its_palette() -> None:
    image = _image(cover_image("Wage Labour and Capital", "Karl Marx", "1847", None, "de", None))
    palette = palette_for("de")
    colours = {colour for _, colour in image.getcolors(maxcolors=4096) or []}
    assert _rgb(palette.background) in colours
    assert _rgb(palette.text) in colours


@pytest.mark.parametrize(
    ("title", "author"),
    [
        ("Seven Interpretive Essays on Peruvian Reality", "José Carlos Mariátegui"),
        ("Skrifaður á íslensku", "Þórbergur Þórðarson"),
        ("Ĉu vi parolas Esperanton? ĉ ĝ ĥ ĵ ŝ ŭ", "Ludoviko Zamenhof"),
        ("Манифест Коммунистической партии", "Карл Маркс"),
        ("Το Κομμουνιστικό Μανιφέστο", "Καρλ Μαρξ"),
        ("Świadomość klasowa, Łódź", "Róża Luksemburg"),
    ],
)
def test_the_book_faces_cover_european_scripts(title: str, author: str) -> None:
    cover = CoverText(title=title, author=author, language="und", date="1900")
    assert missing_characters(cover) == ""
    assert _image(render_cover(cover)).size == (WIDTH, HEIGHT)


@pytest.mark.parametrize(
    ("title", "author", "language"),
    [
        ("共产党宣言", "马克思 恩格斯", "zh"),
        ("البيان الشيوعي", "كارل ماركس", "ar"),
        ("कम्युनिस्ट घोषणापत्र", "मार्क्स", "hi"),
    ],
)
def test_scripts_the_book_faces_lack_do_not_crash(title: str, author: str, language: str) -> None:
    cover = CoverText(title=title, author=author, language=language, date="1848")
    image = _image(render_cover(cover))
    assert image.size == (WIDTH, HEIGHT)
    # whatever no installed font can draw is reported, and is only ever characters of the text
    assert set(missing_characters(cover)) <= set(title + author)
    left, right = _ink_columns(image, _rgb(palette_for(language).background))
    assert MARGIN <= left <= right < WIDTH - MARGIN


def test_a_cover_with_no_author_date_or_title_still_draws() -> None:
    image = _image(cover_image("  ", "", None, None, "en", None))
    assert image.size == (WIDTH, HEIGHT)


def test_cover_text_from_metadata() -> None:
    metadata = Metadata(
        title="Manifesto",
        language="en",
        authors=("Karl Marx", "Friedrich Engels"),
        first_published="1848-02",
        collection="Selected Works",
    )
    cover = CoverText.from_metadata(metadata)
    assert cover.author == "Karl Marx and Friedrich Engels"  # as the title page names them
    assert cover.date == "1848-02"
    assert cover.collection == "Selected Works"


@pytest.mark.parametrize(
    ("date", "shown"),
    [("1919", "1919"), ("1980-04", "1980"), ("2002-06-08", "2002"), ("c. 1900", "c. 1900"), (" ", None), (None, None)],
)
def test_a_cover_shows_the_year_of_an_iso_date(date: str | None, shown: str | None) -> None:
    assert display_date(date) == shown


# --- a user's own cover ---------------------------------------------------------------------


def _save(image: Image.Image, path: Path, kind: str) -> Path:
    image.save(path, format=kind)
    return path


@pytest.mark.parametrize(("kind", "media_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_user_cover_that_is_a_png_or_jpeg_is_passed_on(tmp_path: Path, kind: str, media_type: str) -> None:
    path = _save(Image.new("RGB", (300, 450), (200, 30, 30)), tmp_path / f"cover.{kind.lower()}", kind)
    cover = user_cover(path)
    assert cover.data == path.read_bytes()
    assert cover.media_type == media_type
    assert (cover.width, cover.height) == (300, 450)


def test_a_user_cover_that_is_not_an_image_is_a_publish_error(tmp_path: Path) -> None:
    path = tmp_path / "cover.png"
    path.write_text("<html>not a picture</html>")
    with pytest.raises(PublishError) as raised:
        user_cover(path)
    assert raised.value.path == str(path)
    assert "\n" not in raised.value.cause
    assert "JPEG or PNG" in raised.value.cause


def test_a_user_cover_in_another_format_is_a_publish_error(tmp_path: Path) -> None:
    path = _save(Image.new("RGB", (30, 45)), tmp_path / "cover.gif", "GIF")
    with pytest.raises(PublishError, match="GIF image; use a JPEG or PNG"):
        user_cover(path)


def test_a_truncated_user_cover_is_a_publish_error(tmp_path: Path) -> None:
    whole = _save(Image.effect_noise((400, 600), 64).convert("RGB"), tmp_path / "whole.png", "PNG")
    path = tmp_path / "cover.png"
    path.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    with pytest.raises(PublishError, match="damaged or truncated"):
        user_cover(path)


@pytest.mark.parametrize("name", ["missing.jpg", "empty.jpg"])
def test_a_missing_or_empty_user_cover_is_a_publish_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "empty.jpg":
        path.write_bytes(b"")
    with pytest.raises(PublishError) as raised:
        user_cover(path)
    assert raised.value.path == str(path)


@pytest.mark.parametrize(
    "cover",
    [
        CoverText(title="The Right To Be Lazy", author="Paul Lafargue", language="en", date="1883"),
        CoverText(title=_LONG_TITLE, author=_MANY_AUTHORS, language="en", subtitle="A Study", collection="Essays"),
        CoverText(title="Ẩn dụ và Ế ẩm: Tiếng Việt", author="Hồ Chí Minh", language="vi", date="1945"),
        CoverText(title="Ἡ πολιτεία ὑπὲρ ἀνθρώπων", author="Ἀριστοτέλης", language="grc"),
        CoverText(title="מאמרים על המהפכה", author="בר בורוכוב", language="he", date="1906"),
        CoverText(title="Qualquer Título Ç", author="Jpgqy Ýÿ", language="pt", subtitle="Ágÿ ÇÑ jpgq"),
    ],
)
def test_the_png_holds_every_drawn_pixel(cover: CoverText) -> None:
    """The PNG's rows are read from the picture only where ink was drawn, so they must be
    exactly the picture: nothing drawn above an accent or below a descender is lost."""
    canvas = _paint(cover)
    assert canvas.image.crop((0, 0, 1, HEIGHT)).getbbox() is None  # the rows' filter bytes: 0, "none"
    assert b"".join(canvas.rows()) == canvas.image.tobytes()
    with Image.open(BytesIO(render_cover(cover))) as image:
        assert image.tobytes() == canvas.image.crop((1, 0, WIDTH + 1, HEIGHT)).tobytes()


def test_a_subtitle_in_a_script_the_italic_lacks_is_set_upright() -> None:
    """Source Serif Pro's italic has no Cyrillic: a Russian subtitle is set in the roman, not as boxes."""
    cover = CoverText(title="Война и мир", author="Ленин", language="ru", subtitle="Статьи и речи")
    assert missing_characters(cover) == ""


@pytest.mark.parametrize(
    "cover",
    [
        CoverText(title="The Right To Be Lazy", author="Paul Lafargue", language="en", date="1883"),
        CoverText(title=_LONG_TITLE, author=_MANY_AUTHORS, language="en", subtitle="A Study", collection="Essays"),
        CoverText(title="מאמרים על המהפכה", author="בר בורוכוב", language="he", date="1906"),
    ],
)
def test_the_thumbnail_is_the_whole_cover_reduced(cover: CoverText) -> None:
    """Reduced only where ink was drawn, the thumbnail is still every 8×8 block's mean of the
    whole picture, in the cover's palette."""
    canvas = _paint(cover)
    expected = canvas.image.crop((1, 0, WIDTH + 1, HEIGHT)).reduce(THUMBNAIL_SCALE).tobytes()
    images = render_cover_images(cover)
    with Image.open(BytesIO(images.thumbnail)) as thumbnail, Image.open(BytesIO(images.cover)) as full:
        assert thumbnail.size == (WIDTH // THUMBNAIL_SCALE, HEIGHT // THUMBNAIL_SCALE)
        assert thumbnail.tobytes() == expected
        assert thumbnail.getpalette() == full.getpalette()
    assert images.cover == render_cover(cover)


def test_a_cover_drawn_after_another_has_none_of_its_ink() -> None:
    """The picture is reused from cover to cover, cleared where the last one inked it."""
    first = CoverText(title="Short", author="A", language="en")
    second = CoverText(title=_LONG_TITLE, author=_MANY_AUTHORS, language="en", subtitle="A Study", date="1919")
    alone = render_cover_images(first)
    render_cover_images(second)
    assert render_cover_images(first) == alone
