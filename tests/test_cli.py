"""The CLI: JSON output, and every bad input as one clear line, no traceback, nothing written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kkaudio.cli import cli

from .conftest import REPO, SEED, kkaudio


invoke = kkaudio  # the real entry point, so error handling is what a user sees


def test_script_prints_the_json_contract():
    result = CliRunner().invoke(cli, ["script", str(SEED), "--voices", str(REPO / "voices.yaml")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["chapters"]) == 28
    assert doc["chapters"][1]["turns"][0]["speaker"] == "liurun"
    # The cast it found goes to stderr: name, role, turns, characters.
    assert re.search(r"刘润\s+host\s+29 turns", result.stderr), result.stderr
    assert re.search(r"Kevin Kelly\s+guest\s+27 turns", result.stderr), result.stderr


def test_voices_lists_espeak_voices():
    result = CliRunner().invoke(cli, ["voices", "--engine", "espeak"])
    assert result.exit_code == 0
    assert "cmn+m3" in result.output and "cmn+f2" in result.output


BAD_SEEDS = {
    "missing": None,
    "empty": b"",
    "binary": b"\x00\x01\x02PK\x03\x04",
    "broken-utf8": "刘润：你好".encode() + b"\xed\xa0\x80" + "。".encode(),
    "no-labels": "只有文字。".encode(),
    "one-off-labels": "张三：问。\n赵六：答。".encode(),  # no label starts two turns: no dialogue
}


@pytest.mark.parametrize("kind", BAD_SEEDS)
def test_bad_seed_is_one_line_and_writes_nothing(tmp_path, espeak_voices_file, kind):
    seed = tmp_path / f"{kind}.txt"
    if BAD_SEEDS[kind] is not None:
        seed.write_bytes(BAD_SEEDS[kind])
    out = tmp_path / "out"
    result = invoke("render", str(seed), "--out", str(out), "--voices", str(espeak_voices_file))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and str(seed) in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--engine", "nope"], "unknown engine 'nope'; known engines: edge, espeak, kokoro"),
        (["--voices", "missing.yaml"], "missing.yaml: no such file"),
        (["--voices", "broken.yaml"], "broken.yaml:3: invalid YAML"),
        (["--voices", "incomplete.yaml"], "incomplete.yaml: speakers.kk.name is missing"),
    ],
)
def test_bad_options_and_config_are_one_line(tmp_path, espeak_voices_file, two_chapters, args, message):
    (espeak_voices_file.parent / "broken.yaml").write_text("engine: espeak\nspeakers: [oops\n", encoding="utf-8")
    (espeak_voices_file.parent / "incomplete.yaml").write_text("engine: espeak\nspeakers: {kk: {role: guest}}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kkaudio("render", str(two_chapters), "--out", str(out), *args, cwd=espeak_voices_file.parent)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not out.exists()


def test_output_that_is_a_file(tmp_path, espeak_voices_file, two_chapters):
    out = tmp_path / "taken"
    out.write_text("not a folder")
    result = invoke("render", str(two_chapters), "--out", str(out), "--voices", str(espeak_voices_file))
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert out.read_text() == "not a folder"


def test_output_that_cannot_be_written(tmp_path, espeak_voices_file, two_chapters):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub"  # a folder inside a file: cannot be made, even by root
    result = invoke("render", str(two_chapters), "--out", str(out), "--voices", str(espeak_voices_file))
    assert result.returncode == 1
    assert "cannot write to output folder" in result.stderr and "Traceback" not in result.stderr


def test_bad_base_url(tmp_path, espeak_voices_file, two_chapters):
    result = invoke("render", str(two_chapters), "--out", str(tmp_path / "o"), "--voices", str(espeak_voices_file),
                    "--base-url", "example.com")
    assert result.returncode == 2 and "--base-url" in result.stderr and not (tmp_path / "o").exists()


def test_render_without_seeds_uses_the_seeds_folder(tmp_path, espeak_voices_file, two_chapters):
    (Path.cwd() / "seeds").mkdir()
    two_chapters.rename(Path.cwd() / "seeds" / "two-chapters.txt")
    result = invoke("render", "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "o" / "two-chapters" / "two-chapters.mp3").is_file()
