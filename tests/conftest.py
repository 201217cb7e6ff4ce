"""Shared fixtures: isolated cache, a deterministic test engine, small configs and transcripts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kkaudio.engines.base import register, unregister

from .tone_engine import ToneEngine, ToneVoice  # noqa: F401 (tests import them from here)

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "kk-5000-days.txt"
DATA = Path(__file__).resolve().parent / "data"


KKAUDIO = [sys.executable, "-c", "from kkaudio.cli import main; main()"]  # the installed entry point


def kkaudio_process(*args: str, env: dict[str, str] | None = None, **popen) -> subprocess.Popen:
    """`kkaudio ARGS` in its own process, as a user runs it (kkaudio.cli:main, its error handling
    and exit codes), with text stdout and stderr piped; `env` replaces the environment."""
    return subprocess.Popen([*KKAUDIO, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=env, **popen)


def kkaudio(*args: str, env: dict[str, str] | None = None, timeout: float = 300, **popen) -> subprocess.CompletedProcess:
    """`kkaudio ARGS` run to the end in its own process; its exit code, stdout and stderr."""
    proc = kkaudio_process(*args, env=env, **popen)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Every test: its own clip cache, the tone engine registered, and the cwd in a temp folder."""
    monkeypatch.setenv("KKAUDIO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KKAUDIO_ENGINE_CACHE", str(tmp_path / "engines"))
    register(ToneEngine)
    ToneEngine.calls = 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    try:
        yield work
    finally:
        unregister("tone")


VOICES_YAML = """\
engine: tone
show:
  title: 测试节目 & <Friends> "quoted" 🎙
  author: 刘润
  description: 一个测试节目
  base_url: http://podcast.example/shows
speakers:
  liurun:
    name: 刘润
    role: host
    aliases: [刘润]
    voices:
      tone: {freq: 180}
      espeak: {variant: m3, pitch: 40}
  kk:
    name: Kevin Kelly
    role: guest
    aliases: [K.K., KK]
    voices:
      tone: {freq: 120}
      espeak: {variant: m1, pitch: 20}
  narrator:
    name: 旁白
    role: narrator
    aliases: [旁白]
    voices:
      tone: {freq: 300}
      espeak: {variant: f2, pitch: 65}
pauses: {clause: 0.1, sentence: 0.2, turn: 0.4, chapter: 1.0}
lexicon:
  K.K.: KK
script:
  boilerplate: [返回列表页, 本文首发于]
  end_markers: [推荐阅读]
"""


@pytest.fixture
def voices_file(isolated) -> Path:
    path = isolated / "voices.yaml"
    path.write_text(VOICES_YAML, encoding="utf-8")
    return path


def espeak_yaml() -> str:
    """VOICES_YAML without the test-only tone engine (for subprocesses and shared renders)."""
    text = "\n".join(line for line in VOICES_YAML.splitlines() if "tone:" not in line)
    return text.replace("engine: tone", "engine: espeak")


@pytest.fixture
def espeak_voices_file(isolated) -> Path:
    """voices.yaml for a kkaudio subprocess, where the test-only tone engine does not exist."""
    path = isolated / "voices.yaml"
    path.write_text(espeak_yaml(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def espeak_episode(tmp_path_factory) -> Path:
    """One espeak render of the two-chapter fixture, shared by the read-only checks of its output."""
    from kkaudio.config import load_config
    from kkaudio.pipeline.render import RenderOptions, render

    root = tmp_path_factory.mktemp("espeak-render")
    voices = root / "voices.yaml"
    voices.write_text(espeak_yaml(), encoding="utf-8")
    seed = root / "two-chapters.txt"
    shutil.copy(DATA / "two-chapters.txt", seed)
    out = root / "out"
    render([seed], load_config(voices), RenderOptions(out=out, cache_dir=root / "cache", engine="espeak"))
    return out


def need_tool(name: str) -> str:
    """A test-only tool's path; CI installs them, so there a missing one is a failure, not a skip."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should have installed it")
        pytest.skip(f"{name} is not installed (apt-get install {name})")
    return path


@pytest.fixture
def config(voices_file):
    from kkaudio.config import load_config

    return load_config(voices_file)


@pytest.fixture
def two_chapters(isolated) -> Path:
    path = isolated / "two-chapters.txt"
    shutil.copy(DATA / "two-chapters.txt", path)
    return path
