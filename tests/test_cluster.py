"""render --cluster: synthesis on a Ray runtime started here on 127.0.0.1 with 2 CPUs.

The renders run as a user runs them (a `kkaudio` process connecting with ray://, or to the
head's own address as a driver on the same machine), and their output is compared with a
render without --cluster. Byte for byte with the test engine (tones):
espeak-ng's audio depends on what it said before in the same process (its pitch-flutter counter
is a static in wavegen.c), so espeak clips made in another order differ by a few samples, and
espeak renders are compared by content and duration. Select these tests alone with
`pytest -m cluster`; they need the cluster extra (Ray), which the test extra includes.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kkaudio import manifest
from kkaudio.audio.cache import ClipCache

from .conftest import DATA, REPO, VOICES_YAML, espeak_yaml, kkaudio, kkaudio_process
from .tone_engine import SPEC

pytestmark = [pytest.mark.cluster, pytest.mark.slow]

EPISODES = ("two-hosts.txt", "panel-three.md", "bold-labels.md")  # three formats, three casts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    # Token authentication is for clusters others can reach; this one listens on 127.0.0.1 only.
    # The test engine is importable from the repository, by the drivers and the workers.
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0", "PYTHONPATH": path,
            "KKAUDIO_ENGINES": SPEC, **extra}


@dataclass(frozen=True)
class Head:
    client: str  # ray://…: how a driver anywhere connects (Ray's client)
    gcs: str  # HOST:PORT: how a driver on a machine of the cluster connects (a full Ray driver)


@pytest.fixture(scope="module")
def ray_head(tmp_path_factory):
    """`ray start --head` as a user would start one, on 127.0.0.1 with 2 CPUs; its addresses."""
    pytest.importorskip("ray", reason="the cluster extra is not installed: pip install '.[cluster]'")
    ray_cli = Path(sys.executable).with_name("ray")
    client, gcs = _free_port(), _free_port()
    temp = tmp_path_factory.mktemp("ray")
    head = subprocess.Popen(
        [str(ray_cli), "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={gcs}",
         f"--ray-client-server-port={client}", "--num-cpus=2", "--include-dashboard=false",
         "--disable-usage-stats", f"--temp-dir={temp}"],
        # A driver that is gone lets go of its workers after a second, not Ray's default 30 s.
        env=_env(RAY_CLIENT_RECONNECT_GRACE_PERIOD="1"),
        # With stdin at /dev/null, Ray 2.60's client server cannot start its per-client server
        # ("Initialization failure from server"); an open pipe is what a terminal gives it.
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            socket.create_connection(("127.0.0.1", client), timeout=1).close()
            break
        except OSError:
            if head.poll() is not None or time.monotonic() > deadline:
                head.kill()
                pytest.fail("the Ray head did not start")
            time.sleep(0.3)
    yield Head(f"ray://127.0.0.1:{client}", f"127.0.0.1:{gcs}")
    os.killpg(head.pid, signal.SIGTERM)  # --block: the head stops its Ray processes on SIGTERM
    try:
        head.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(head.pid, signal.SIGKILL)
    head.stdin.close()


def _kkaudio(*args: str, cache: Path, **env: str) -> subprocess.Popen:
    """`kkaudio ARGS` in its own process, with this clip cache and these environment variables."""
    return kkaudio_process(*args, env=_env(KKAUDIO_CACHE_DIR=str(cache), **env))


def _run(*args: str, cache: Path, **env: str) -> subprocess.CompletedProcess:
    return kkaudio(*args, env=_env(KKAUDIO_CACHE_DIR=str(cache), **env))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Three episodes, voices.yaml for the test engine and for espeak, and a render of each
    without --cluster for reference; the two-chapter fixture too, with the test engine."""
    root = tmp_path_factory.mktemp("project")
    (root / "tone.yaml").write_text(VOICES_YAML, encoding="utf-8")
    (root / "espeak.yaml").write_text(espeak_yaml(), encoding="utf-8")
    for name in EPISODES:
        shutil.copy(DATA / "transcripts" / name, root / name)
    shutil.copy(DATA / "two-chapters.txt", root / "two-chapters.txt")
    seeds = [str(root / n) for n in EPISODES]
    for engine in ("tone", "espeak"):
        done = _run("render", *seeds, "--out", str(root / f"local-{engine}"), "--voices",
                    str(root / f"{engine}.yaml"), "-q", cache=root / f"cache-{engine}")
        assert done.returncode == 0, done.stderr
    done = _run("render", str(root / "two-chapters.txt"), "--out", str(root / "local-two"), "--voices",
                str(root / "tone.yaml"), "-q", cache=root / "cache-two")
    assert done.returncode == 0, done.stderr
    return root, seeds


# What may differ between two renders of the same input: when they were made.
_WHEN = [
    re.compile(r"<(pubDate|lastBuildDate)>[^<]*</\1>"),
    re.compile(r'<time datetime="[^"]*">'),
    re.compile(r'"published": "[^"]*"'),
    re.compile(r'"updated": "[^"]*"'),
]


def _same_output(a: Path, b: Path) -> None:
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name != ".kkaudio.lock")
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != ".kkaudio.lock")
    assert any(f.suffix == ".mp3" for f in files)
    for f in files:
        x, y = (a / f).read_bytes(), (b / f).read_bytes()
        if f.suffix in (".xml", ".html", ".json") and x != y:
            x, y = (_scrub(v.decode("utf-8")) for v in (x, y))
            diff = difflib.unified_diff(x.splitlines(), y.splitlines(), "local", "cluster", lineterm="", n=1)
            assert x == y, f"{f} differs:\n" + "\n".join(list(diff)[:30])
        assert x == y, f"{f} differs"


def _scrub(text: str) -> str:
    for pattern in _WHEN:
        text = pattern.sub("WHEN", text)
    return text


def _clips(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.clip"))


def test_three_episodes_on_the_cluster_are_the_local_render(ray_head, project, tmp_path):
    root, seeds = project
    cache = tmp_path / "cache"  # empty: every clip is made on the cluster
    done = _run("render", *seeds, "--out", str(tmp_path / "out"), "--voices", str(root / "tone.yaml"),
                "--cluster", ray_head.client, cache=cache)
    assert done.returncode == 0, done.stderr
    assert re.search(r"cluster ray://127\.0\.0\.1:\d+: 2 tone workers", done.stderr), done.stderr
    assert re.search(r"(\d+) clips synthesised, 0 from cache", done.stdout), done.stdout
    _same_output(root / "local-tone", tmp_path / "out")
    # The cache is the one a local render fills: a render without --cluster finds every clip.
    again = _run("render", *seeds, "--out", str(tmp_path / "out"), "--voices", str(root / "tone.yaml"),
                 cache=cache)
    assert again.returncode == 0 and " 0 clips synthesised" in f" {again.stdout}", again.stdout


def test_espeak_on_the_cluster_says_the_same_in_the_same_time(ray_head, project, tmp_path):
    root, seeds = project
    done = _run("render", *seeds, "--out", str(tmp_path / "out"), "--voices", str(root / "espeak.yaml"),
                "--cluster", ray_head.gcs, cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert "2 espeak workers" in done.stderr
    local = root / "local-espeak"
    for seed in seeds:
        slug = Path(seed).stem
        a, b = (manifest.load(d / slug) for d in (local, tmp_path / "out"))
        assert [c.file for c in a.chapters] == [c.file for c in b.chapters]
        for x, y in zip(a.chapters, b.chapters):
            assert [(c.speaker, c.text) for c in x.cues] == [(c.speaker, c.text) for c in y.cues]
            assert y.duration_ms == pytest.approx(x.duration_ms, rel=0.01)
        assert b.duration_ms == pytest.approx(a.duration_ms, rel=0.01)


def test_the_two_chapter_fixture_through_the_environment_variable(ray_head, project, tmp_path):
    root, _ = project
    done = _run("render", str(root / "two-chapters.txt"), "--out", str(tmp_path / "out"), "--voices",
                str(root / "tone.yaml"), cache=tmp_path / "cache", KKAUDIO_CLUSTER=ray_head.client)
    assert done.returncode == 0, done.stderr
    assert f"cluster {ray_head.client}" in done.stderr
    _same_output(root / "local-two", tmp_path / "out")


def test_workers_write_a_shared_cache_themselves(ray_head, project, tmp_path):
    root, _ = project
    shared = tmp_path / "shared"  # on one machine, every worker sees it at the same path
    done = _run("render", str(root / "two-chapters.txt"), "--out", str(tmp_path / "out"), "--voices",
                str(root / "tone.yaml"), "--cluster", ray_head.gcs, "--shared-cache", cache=shared)
    assert done.returncode == 0, done.stderr
    assert f"workers write clips into {shared}" in done.stderr
    assert _clips(shared) == _clips(root / "cache-two")
    _same_output(root / "local-two", tmp_path / "out")


def test_a_worker_killed_mid_render_still_ends_in_a_complete_render(ray_head, project, tmp_path):
    root, seeds = project
    cache = tmp_path / "cache"
    render = _kkaudio("render", *seeds, "--out", str(tmp_path / "out"), "--voices", str(root / "tone.yaml"),
                      "--cluster", ray_head.gcs, cache=cache)
    total = _clips(root / "cache-tone")
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and render.poll() is None and time.monotonic() < deadline:
        if _clips(cache) >= 1:  # the workers are busy: kill one of them
            pids = subprocess.run(["pgrep", "-f", "ray::ClipWorker"], capture_output=True, text=True).stdout.split()
            if pids:
                os.kill(int(pids[0]), signal.SIGKILL)
                killed = (int(pids[0]), _clips(cache))
        time.sleep(0.005)
    out, err = render.communicate(timeout=300)
    assert killed is not None, "no worker was seen to kill"
    assert killed[1] < total, "the render had finished synthesising before the kill"
    assert render.returncode == 0, err
    _same_output(root / "local-tone", tmp_path / "out")


def test_a_killed_driver_keeps_its_clips_and_a_rerun_resumes(ray_head, project, tmp_path):
    root, seeds = project
    cache = tmp_path / "cache"
    args = ("render", *seeds, "--out", str(tmp_path / "out"), "--voices", str(root / "tone.yaml"),
            "--cluster", ray_head.gcs)
    driver = _kkaudio(*args, cache=cache)
    total = _clips(root / "cache-tone")
    deadline = time.monotonic() + 120
    while _clips(cache) < 3 and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    driver.kill()
    driver.communicate()
    kept = list(cache.rglob("*.clip"))
    assert 3 <= len(kept) < total
    store = ClipCache(cache)
    assert all(store.get(p.stem) is not None for p in kept)  # whole clips only, none torn
    again = _run(*args, cache=cache)
    assert again.returncode == 0, again.stderr
    made = int(re.search(r"(\d+) clips synthesised, (\d+) from cache", again.stdout).group(1))
    assert made <= total - len(kept)
    _same_output(root / "local-tone", tmp_path / "out")


@pytest.mark.parametrize("address, words", [
    ("ray://127.0.0.1:{closed}", "cannot reach the Ray cluster at ray://127.0.0.1:{closed}: Connection refused"),
    ("127.0.0.1", "no port"),
    ("http://127.0.0.1:{closed}", "give ray://HOST:PORT"),
])
def test_an_address_that_does_not_answer_is_one_line_within_seconds(project, tmp_path, address, words):
    pytest.importorskip("ray", reason="the cluster extra is not installed")
    root, seeds = project
    closed = _free_port()
    started = time.monotonic()
    done = _run("render", seeds[0], "--out", str(tmp_path / "out"), "--voices", str(root / "espeak.yaml"),
                "--cluster", address.format(closed=closed), cache=tmp_path / "cache")
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert words.format(closed=closed) in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_edge_keeps_its_limit_across_the_cluster(ray_head, project, tmp_path):
    from .edge_standin import StandIn

    root, _ = project
    voices = tmp_path / "voices.yaml"
    voices.write_text(json.dumps({
        "engine": "edge",
        "speakers": {sid: {"name": name, "role": role, "aliases": [name],
                           "voices": {"edge": {"voice": voice}}}
                     for sid, name, role, voice in [
                         ("liurun", "刘润", "host", "zh-CN-YunyangNeural"),
                         ("kk", "K.K.", "guest", "zh-CN-YunxiNeural"),
                         ("narrator", "旁白", "narrator", "zh-CN-XiaoxiaoNeural")]},
    }, ensure_ascii=False), encoding="utf-8")
    standin = StandIn()
    standin.delay = 0.3  # long enough for requests to overlap if more than allowed were sent
    standin.start()
    try:
        proc = _run("render", str(root / "two-chapters.txt"), "--out", str(tmp_path / "out"), "--voices",
                    str(voices), "--cluster", ray_head.client, "--jobs", "2", cache=tmp_path / "cache",
                    KKAUDIO_EDGE_ENDPOINT=standin.url.split("?")[0])
    finally:
        standin.stop()
    assert proc.returncode == 0, proc.stderr
    assert "2 edge workers" in proc.stderr
    assert len(standin.texts) >= 6
    assert standin.max_active == 2  # two at once, never more, however many CPUs the cluster has


def test_cluster_without_ray_says_what_to_install(tmp_path, espeak_voices_file, two_chapters):
    hide_ray = "import sys; sys.modules['ray'] = None; from kkaudio.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", hide_ray, "render", str(two_chapters), "--out", str(tmp_path / "out"),
                           "--cluster", "local"], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1
    assert done.stderr.strip() == ("Error: --cluster needs Ray: pip install 'kkaudio[cluster]' (on this machine "
                                   "and every machine of the cluster)")
    assert not (tmp_path / "out").exists()
