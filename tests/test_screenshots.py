"""The README's pictures (docs/screenshots, made by scripts/screenshots.py): one per notebook and
one of the app, each a 1280 px wide PNG of at most 300 KB."""

from PIL import Image

from prep_lib.paths import PROJECT_ROOT

PICTURES = PROJECT_ROOT / "docs" / "screenshots"


def test_every_notebook_and_the_app_have_a_small_picture():
    wanted = {f"{n.stem}.png" for n in (PROJECT_ROOT / "notebooks").glob("*.ipynb")} | {"app.png"}
    missing = wanted - {p.name for p in PICTURES.glob("*.png")}
    assert not missing, f"run scripts/screenshots.py to make {sorted(missing)}"
    for picture in PICTURES.glob("*.png"):
        with Image.open(picture) as image:
            assert image.format == "PNG" and image.width == 1280, picture.name
        assert picture.stat().st_size <= 300_000, picture.name
