"""Faults: killed renders, interrupted renders, collisions, full disks, corrupt caches, odd input.

Real `kkaudio render` subprocesses (espeak engine) are killed at chosen moments; what they leave
is read back with mutagen and feedparser, and the next render's summary line shows what it reused.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from click.testing import CliRunner
from filelock import FileLock
from mutagen.mp3 import MP3

from kkaudio.cli import cli
from kkaudio.pipeline.episode import safe_filename

from .conftest import SEED, ToneEngine, espeak_yaml, kkaudio, kkaudio_process

def cli_render(*args: str):
    return CliRunner().invoke(cli, ["render", *args], catch_exceptions=False)


@pytest.fixture
def six_chapters(tmp_path) -> Path:
    """The seed cut after its sixth section: real text, a render of a few seconds with espeak."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index(" **不存在通用的人工智能**")
    path = tmp_path / "six.txt"
    path.write_text(text[:cut], encoding="utf-8")
    return path


@pytest.fixture
def espeak_env(tmp_path):
    voices = tmp_path / "voices.yaml"
    voices.write_text(espeak_yaml(), encoding="utf-8")
    env = dict(os.environ, KKAUDIO_CACHE_DIR=str(tmp_path / "sub-cache"))
    return voices, env


def start(seed: Path, out: Path, voices: Path, env) -> subprocess.Popen:
    # Ctrl-C as at a terminal: a child of a background job would inherit SIGINT ignored.
    return kkaudio_process("render", str(seed), "--out", str(out), "--voices", str(voices), env=env,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(proc: subprocess.Popen, pattern: str, timeout: float = 120) -> str:
    """Read the render's stderr until a line matches; return that line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if re.search(pattern, line):
            return line
    proc.kill()
    raise AssertionError(f"render never printed {pattern!r}")


def finish(seed: Path, out: Path, voices: Path, env) -> str:
    result = kkaudio("render", str(seed), "--out", str(out), "--voices", str(voices), env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def check_outputs(out: Path) -> None:
    """Every MP3 whole and tagged; the feed parses and its lengths are the files' sizes."""
    feed = feedparser.parse(str(out / "feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    for entry in feed.entries + feedparser.parse(str(out / "feed-chapters.xml")).entries:
        enclosure = entry.enclosures[0]
        path = out / unquote(enclosure.href.removeprefix("http://podcast.example/shows/"))
        assert int(enclosure.length) == path.stat().st_size
    for path in out.rglob("*.mp3"):
        audio = MP3(path)
        assert audio.info.length > 1 and audio.tags["TIT2"].text


def counts(summary: str) -> tuple[int, int]:
    m = re.search(r"(\d+) clips synthesised, (\d+) from cache", summary)
    return int(m.group(1)), int(m.group(2))


@pytest.mark.slow  # real renders, killed
def test_killed_mid_synthesis_loses_no_finished_clip(tmp_path, six_chapters, espeak_env):
    voices, env = espeak_env
    out = tmp_path / "out"
    proc = start(six_chapters, out, voices, env)
    wait_for(proc, r"synthesised [1-9]\d*/\d+ clips")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    synthesised, cached = counts(finish(six_chapters, out, voices, env))
    assert cached > 0 and synthesised > 0
    check_outputs(out)
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow  # real renders, killed
def test_killed_mid_encode_leaves_the_previous_outputs_intact(tmp_path, six_chapters, espeak_env):
    voices, env = espeak_env
    out = tmp_path / "out"
    finish(six_chapters, out, voices, env)
    before = snapshot(out)
    text = six_chapters.read_text(encoding="utf-8")
    six_chapters.write_text(text.replace("好问题。", "这是个好问题。").replace("是的。", "是的，没错。"), encoding="utf-8")
    proc = start(six_chapters, out, voices, env)
    wait_for(proc, "assembling and encoding")
    time.sleep(0.3)  # well inside the encoding of the changed chapters
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before  # nothing moved into place before the render finished
    check_outputs(out)
    synthesised, cached = counts(finish(six_chapters, out, voices, env))
    assert synthesised == 0 and cached > 0  # the killed render had made the new clips
    assert snapshot(out) != before
    check_outputs(out)
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow  # real renders, killed
def test_ctrl_c_stops_cleanly_with_130(tmp_path, espeak_env):
    voices, env = espeak_env
    out = tmp_path / "out"
    # Half the seed: six chapters by espeak on a fast CPU were done before the signal reached the render.
    text = SEED.read_text(encoding="utf-8")
    half = tmp_path / "half.txt"
    half.write_text(text[: text.index(" **全自动驾驶，至少要再等17年**")], encoding="utf-8")
    proc = start(half, out, voices, env)
    wait_for(proc, r"synthesised [1-9]\d*/\d+ clips")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-3000:]
    assert "Interrupted" in err and "Traceback" not in err
    finish(half, out, voices, env)  # the lock was released; the render resumes
    check_outputs(out)


def test_a_second_render_into_the_same_output_is_refused(tmp_path, two_chapters, espeak_voices_file):
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / ".kkaudio.lock")):  # as held by a render in another process
        result = kkaudio("render", str(two_chapters), "--out", str(out), "--voices", str(espeak_voices_file),
                         env=dict(os.environ, KKAUDIO_CACHE_DIR=str(tmp_path / "c")))
    assert result.returncode == 1
    assert "another kkaudio render is writing to" in result.stderr
    assert not (out / "feed.xml").exists()


@pytest.mark.slow  # real renders, killed
def test_two_real_renders_at_once_never_corrupt_the_output(tmp_path, six_chapters, espeak_env):
    voices, env = espeak_env
    out = tmp_path / "out"
    procs = [start(six_chapters, out, voices, env) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert sorted(code for code, _ in results)[0] == 0  # at least one finished
    for code, err in results:
        assert code == 0 or "another kkaudio render is writing to" in err
    check_outputs(out)


def test_corrupt_or_truncated_cache_entries_are_redone(tmp_path, two_chapters, voices_file):
    out = tmp_path / "out"
    assert cli_render(str(two_chapters), "--out", str(out), "--voices", str(voices_file)).exit_code == 0
    entries = sorted((tmp_path / "cache").rglob("*.clip"))
    truncated, flipped = entries[0], entries[1]
    truncated.write_bytes(truncated.read_bytes()[:-100])
    data = bytearray(flipped.read_bytes())
    data[-10] ^= 0xFF
    flipped.write_bytes(bytes(data))
    for chapter in (out / "two-chapters" / "chapters").glob("*.mp3"):
        chapter.unlink()  # so the chapters are rebuilt from the cache, not reused
    ToneEngine.calls = 0
    result = cli_render(str(two_chapters), "--out", str(out), "--voices", str(voices_file))
    assert "2 clips synthesised" in result.output
    assert ToneEngine.calls == 2


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "No space left on device"),
                                          (errno.EACCES, "Permission denied")])
def test_a_failed_write_is_a_clear_error_and_keeps_the_previous_outputs(
        tmp_path, two_chapters, voices_file, monkeypatch, code, words):
    out = tmp_path / "out"
    assert cli_render(str(two_chapters), "--out", str(out), "--voices", str(voices_file)).exit_code == 0
    before = snapshot(out)
    two_chapters.write_text(two_chapters.read_text(encoding="utf-8").replace("谢谢", "多谢"), encoding="utf-8")
    real_fdopen = os.fdopen
    writes = {"n": 0}

    def failing_fdopen(fd, *args, **kwargs):
        writes["n"] += 1
        if writes["n"] == 3:  # the third file this render writes
            raise OSError(code, os.strerror(code))
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr("kkaudio.fsutil.os.fdopen", failing_fdopen)
    result = CliRunner().invoke(cli, ["render", str(two_chapters), "--out", str(out), "--voices", str(voices_file)])
    assert result.exit_code != 0
    assert words in str(result.exception) and "cannot write" in str(result.exception)
    assert snapshot(out) == before
    assert not list(out.rglob("*.tmp"))


def test_titles_never_make_unsafe_file_names(tmp_path, voices_file):
    seed = tmp_path / "odd.txt"
    seed.write_text(
        "![](a)\n**../../etc/passwd**\n刘润：一。\n![](b)\n**a/b\\c:d*e?f\"g<h>i|j**\n刘润：二。\n"
        "![](c)\n**CON**\n刘润：三。\n![](d)\n**...**\n刘润：四。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli_render(str(seed), "--out", str(out), "--voices", str(voices_file)).exit_code == 0
    names = sorted(p.name for p in (out / "odd" / "chapters").glob("*.mp3"))
    assert names == ["00-etc passwd.mp3", "01-a b c d e f g h i j.mp3", "02-_CON.mp3", "03-chapter.mp3"]
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    assert safe_filename("x\x00y\x1fz") == "x y z"


def test_lone_surrogates_are_not_utf8(tmp_path, espeak_voices_file):
    seed = tmp_path / "surrogate.txt"
    seed.write_bytes("刘润：你好".encode() + b"\xed\xa0\x80" + "。".encode())
    result = kkaudio("script", str(seed), "--voices", str(espeak_voices_file))
    assert result.returncode == 1 and "is not UTF-8 text" in result.stderr and "Traceback" not in result.stderr


def test_a_very_long_turn_renders_whole(tmp_path, voices_file):
    seed = tmp_path / "long.txt"
    seed.write_text("刘润：" + "长" * 3000 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli_render(str(seed), "--out", str(out), "--voices", str(voices_file))
    assert result.exit_code == 0, result.output
    bodies = json.loads((out / "long" / "transcript.json").read_text(encoding="utf-8"))["segments"]
    assert "".join(s["body"] for s in bodies) == "长" * 3000


def _make_read_only(folder: Path) -> None:
    """Read-only for real: chmod for a user; root ignores modes, so the immutable attribute."""
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return
    result = subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot make a folder read-only here as root: {result.stderr.strip()}")


def _make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-R", "-i", str(folder)], capture_output=True)
    else:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_read_only_output_is_a_clear_error_and_stays_as_it_was(tmp_path, two_chapters, espeak_voices_file):
    out = tmp_path / "out"
    env = dict(os.environ, KKAUDIO_CACHE_DIR=str(tmp_path / "c"))
    args = ["render", str(two_chapters), "--out", str(out), "--voices", str(espeak_voices_file)]
    assert kkaudio(*args, env=env).returncode == 0
    before = snapshot(out)
    two_chapters.write_text(two_chapters.read_text(encoding="utf-8").replace("谢谢", "多谢"), encoding="utf-8")
    _make_read_only(out)
    try:
        result = kkaudio(*args, env=env)
    finally:
        _make_writable(out)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ") and ("not permitted" in lines[-1] or "denied" in lines[-1]), lines
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
