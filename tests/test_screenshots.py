"""The README's pictures (docs/screenshots, made by scripts/screenshots.py): one per notebook, one
of the app and one per step of a new user's own interview, each a 1280 px wide PNG of at most
300 KB."""

from PIL import Image

from prep_lib.paths import PROJECT_ROOT

PICTURES = PROJECT_ROOT / "docs" / "screenshots"


def test_every_notebook_and_the_app_have_a_small_picture():
    wanted = {f"{n.stem}.png" for n in (PROJECT_ROOT / "notebooks").glob("*.ipynb")} | {"app.png"}
    steps = ("1-start", "2-match", "3-salary", "4-log", "5-plan", "6-saved", "7-lab")
    wanted |= {f"own-{step}.png" for step in steps}
    missing = wanted - {p.name for p in PICTURES.glob("*.png")}
    assert not missing, f"run scripts/screenshots.py to make {sorted(missing)}"
    for picture in PICTURES.glob("*.png"):
        with Image.open(picture) as image:
            assert image.format == "PNG" and image.width == 1280, picture.name
        assert picture.stat().st_size <= 300_000, picture.name
