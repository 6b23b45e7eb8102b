"""Browser screenshots of the HTML reports for the README (docs/screenshots/html-*.png).

    python main.py --store S report --pack PACK      (a demo store: `demo` first)
    python -m tests.exporters.html.readme_screenshots PACK

Uses the same chromium and arguments as the browser tests; nothing is fetched.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.exporters.html.conftest import ARGS, CHROMIUM

OUT = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
# (file in the pack, width, height, colour scheme, picture name)
SHOTS = (
    ("standard.html", 1280, 900, "light", "html-standard-1280.png"),
    ("easy-read.html", 320, 720, "light", "html-easy-read-320.png"),
    ("large-print.html", 320, 720, "dark", "html-large-print-320-dark.png"),
)


def main(pack: Path) -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, width, height, scheme, picture in SHOTS:
            page = browser.new_page(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            page.goto((pack / name).resolve().as_uri())
            page.screenshot(path=str(OUT / picture))
            page.close()
            print(f"wrote {OUT / picture}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
