"""Take the README's screenshot of an episode page, from a real render.

Serves the output folder with `kkaudio serve` on a free port, opens the episode's page in
headless Chromium (Debian's chromium and chromium-driver, through selenium), plays a few
seconds into a chapter so a chapter and a cue are marked current, and saves a small PNG.

    python docs/screenshot.py [--out episodes] [--slug kk-5000-days] [--png docs/episode-page.png]
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "episodes")
    parser.add_argument("--slug", default="kk-5000-days")
    parser.add_argument("--png", type=Path, default=REPO / "docs" / "episode-page.png")
    parser.add_argument("--chapter", type=int, default=2, help="chapter to show playing")
    args = parser.parse_args()
    from PIL import Image
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", "from kkaudio.cli import main; main()", "serve",
                               "--out", str(args.out), "--port", str(port)], stdout=subprocess.DEVNULL)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    profile = tempfile.mkdtemp()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--autoplay-policy=no-user-gesture-required", "--window-size=1000,1300",
                 "--force-device-scale-factor=1", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        driver.get(f"http://127.0.0.1:{port}/{args.slug}/")
        time.sleep(1)
        driver.execute_script(
            "var a = document.getElementById('audio'); a.muted = true;"
            f"document.querySelectorAll('#chapter-list a')[{args.chapter}].click(); a.play();")
        time.sleep(4)
        driver.execute_script("document.getElementById('audio').pause();")
        time.sleep(0.5)
        png = driver.get_screenshot_as_png()
    finally:
        driver.quit()
        server.terminate()
        shutil.rmtree(profile, ignore_errors=True)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((image.width * 3 // 4, image.height * 3 // 4), Image.LANCZOS)
    small = image.quantize(colors=96, method=Image.Quantize.MEDIANCUT)  # a small PNG for the README
    args.png.parent.mkdir(parents=True, exist_ok=True)
    small.save(args.png, optimize=True)
    print(f"wrote {args.png} ({args.png.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
