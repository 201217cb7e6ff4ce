"""The show's pages in a real browser: headless Chromium driven by selenium, against `kkaudio serve`.

Skipped, with the reason, only where no Chromium is installed; `.ci/run` installs Debian's
chromium and chromium-driver, so in CI they run (and a missing one fails).
"""

from __future__ import annotations

import html.parser
import json
import re
import shutil
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import DATA, espeak_yaml, kkaudio_process, need_tool

TRANSCRIPT = (DATA / "two-chapters.txt").read_text(encoding="utf-8").replace(
    "刘润：谢谢。", "刘润：有人在文字稿里写了<kk onload=alert(1)>标签</kk>，还有 & 和 \"引号\"。\n\nK.K.：谢谢。\n\n刘润：谢谢。")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """An espeak render of a two-chapter transcript, served by `kkaudio serve` on a free port."""
    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    root = tmp_path_factory.mktemp("site")
    (root / "voices.yaml").write_text(espeak_yaml(), encoding="utf-8")
    seed = root / "two-chapters.txt"
    seed.write_text(TRANSCRIPT, encoding="utf-8")
    out = root / "out"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    render([seed], load_config(root / "voices.yaml"),
           RenderOptions(out=out, cache_dir=root / "cache", engine="espeak", base_url=base))
    server = kkaudio_process("serve", "--out", str(out), "--port", str(port))
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield base, out
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        need_tool("chromium")  # fails in CI, skips elsewhere with the reason
    driver_path = need_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--autoplay-policy=no-user-gesture-required", "--window-size=1200,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _load(driver, url: str) -> None:
    driver.get(url)
    wait(driver, "return document.readyState === 'complete'")


def wait(driver, script: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not value.startswith("#"):
                self.urls.append(value)


@pytest.mark.slow  # headless Chromium
@pytest.mark.parametrize("page", ["/", "/two-chapters/"])
def test_pages_load_without_console_errors_and_every_link_answers(site, browser, page):
    base, _ = site
    _load(browser, base + page)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    with urllib.request.urlopen(base + page) as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        parser = _Links()
        parser.feed(response.read().decode("utf-8"))
    assert len(parser.urls) > 5
    for link in set(parser.urls):
        target = urllib.parse.urljoin(base + page, link)
        assert target.startswith(base), f"{link} leaves the site"
        request = urllib.request.Request(target, method="HEAD")
        with urllib.request.urlopen(request) as response:
            assert response.status == 200, target


@pytest.mark.slow  # headless Chromium
def test_clicking_a_chapter_seeks_to_its_start(site, browser):
    base, _ = site
    _load(browser, base + "/two-chapters/")
    wait(browser, "return document.getElementById('audio').readyState >= 1")
    link = browser.find_elements("css selector", "#chapter-list a")[1]
    start = float(link.get_attribute("data-start"))
    assert start > 1
    link.click()
    now = browser.execute_script("return document.getElementById('audio').currentTime")
    assert abs(now - start) <= 0.1
    assert link.get_attribute("aria-current") == "true"


@pytest.mark.slow  # headless Chromium
def test_the_highlighted_cue_is_the_one_being_spoken(site, browser):
    base, _ = site
    _load(browser, base + "/two-chapters/")
    wait(browser, "return document.getElementById('audio').readyState >= 1")
    browser.execute_script("var a = document.getElementById('audio'); a.muted = true; a.currentTime = 2.0; a.play();")
    wait(browser, "return document.getElementById('audio').currentTime > 3.0")
    browser.execute_script("document.getElementById('audio').pause();")
    time.sleep(0.3)  # the pause's timeupdate has run
    now, start, end = browser.execute_script(
        "var c = document.querySelector('#cues .cue[aria-current=\"true\"]');"
        "return [document.getElementById('audio').currentTime, c && +c.dataset.start, c && +c.dataset.end];")
    assert start is not None, "no cue is marked current"
    assert start <= now < end
    assert len(browser.find_elements("css selector", "#cues [aria-current='true']")) == 1


@pytest.mark.slow  # headless Chromium
def test_a_link_to_a_moment_opens_paused_there(site, browser):
    base, _ = site
    _load(browser, base + "/two-chapters/#t=3")
    wait(browser, "return document.getElementById('audio').readyState >= 1")
    wait(browser, "return Math.abs(document.getElementById('audio').currentTime - 3) < 0.1")
    assert browser.execute_script("return document.getElementById('audio').paused")
    _load(browser, base + "/two-chapters/#t=0:04")
    wait(browser, "return Math.abs(document.getElementById('audio').currentTime - 4) < 0.1")


@pytest.mark.slow  # headless Chromium
def test_transcript_markup_shows_as_text(site, browser):
    base, _ = site
    _load(browser, base + "/two-chapters/")
    texts = [e.text for e in browser.find_elements("css selector", "#cues .cue .text")]
    assert any("<kk onload=alert(1)>标签</kk>" in t for t in texts), texts
    assert any('& 和 "引号"' in t for t in texts), texts
    assert browser.execute_script("return document.querySelectorAll('#cues script').length") == 0


@pytest.mark.slow  # headless Chromium
def test_nothing_overflows_at_360_px(site, browser):
    base, _ = site
    try:
        browser.set_window_size(360, 800)
        for page in ("/", "/two-chapters/"):
            _load(browser, base + page)
            width = browser.execute_script("return document.documentElement.clientWidth")
            scroll = browser.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, (page, scroll, width)
    finally:
        browser.set_window_size(1200, 900)


def test_pages_work_without_javascript(site):
    """The audio, chapters and the whole transcript are in the HTML itself."""
    _, out = site
    page = (out / "two-chapters" / "index.html").read_text(encoding="utf-8")
    assert '<audio id="audio" controls preload="metadata" src="two-chapters.mp3">' in page
    assert "&lt;kk onload=alert(1)&gt;标签&lt;/kk&gt;" in page and "<kk onload" not in page
    data = page.split('<script type="application/json" id="episode-data">')[1].split("</script>")[0]
    assert len(json.loads(data)["chapters"]) == 3  # the introduction and two chapters
    assert 'href="#t=' in page
    show = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="two-chapters/"' in show and "feed.xml" in show
    assert re.search(r'data-copy="feed-1" hidden>复制</button>', show)  # a label, not a dict's method
    assert not any(s in page + show for s in ("http://cdn", "https://cdn", "//fonts.", "googleapis"))


def test_pages_are_rewritten_only_when_they_change(site):
    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    base, out = site
    root = out.parent
    pages = [out / "index.html", out / "two-chapters" / "index.html", out / "assets" / "player.js"]
    before = [p.stat().st_mtime_ns for p in pages]
    render([root / "two-chapters.txt"], load_config(root / "voices.yaml"),
           RenderOptions(out=out, cache_dir=root / "cache", engine="espeak", base_url=base))
    assert [p.stat().st_mtime_ns for p in pages] == before
