"""`kkaudio readings` and `kkaudio proof`: what the voice will say, and what it said."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import DEFAULT_OUT, _cache_dir, _config, _progress, cli, voices_option


@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--file", "path", type=click.Path(path_type=Path), help="A transcript: with --polyphones, its polyphones.")
@click.option("--polyphones", is_flag=True, help="With --file: every polyphone's reading, with its sentence.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="The language of every line [default: detected].")
@click.option("--engine", help="Whose lexicon (engines.<name>.lexicon) goes over the shared one.")
@voices_option
def readings(texts: tuple[str, ...], path: Path | None, polyphones: bool, lang: str | None, engine: str | None,
             voices_path: Path | None) -> None:
    """What the voice will say for TEXT (or each line on stdin), as JSON lines: the text, the spoken
    form the engine is given, and each character's pinyin (TONE3, before tone sandhi)."""
    from ..pipeline import readings as front

    config = _config(voices_path)
    engine = engine or config.engine
    if path is not None:
        if not polyphones:
            texts = tuple(path.read_text(encoding="utf-8").splitlines())
        else:
            for row in front.polyphones(path, config, engine):
                click.echo(json.dumps(row, ensure_ascii=False))
            return
    language = {"zh": "zh-hans", "en": "en"}.get(lang or "")
    for reading in front.read_lines(texts or sys.stdin, config, engine, language):
        click.echo(json.dumps(reading.to_json(), ensure_ascii=False))


@cli.command()
@click.argument("seeds", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="The folder `render` wrote.")
@voices_option
@click.option("--json", "as_json", is_flag=True, help="Print every flagged cue as JSON (for scripts).")
@click.option("--fail-over", type=click.FloatRange(0, 1), metavar="RATE",
              help="Exit with code 2 when a speaker's error rate is over RATE (0.05 is 5%), for CI.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but the summary or the JSON.")
def proof(seeds: tuple[Path, ...], out: Path, voices_path: Path | None, as_json: bool, fail_over: float | None,
          quiet: bool) -> None:
    """Hear rendered episodes back (SEEDS, default seeds/*.txt) and list the cues not said as written."""
    from ..pipeline.proof import proof as run
    from ..pipeline.proof import report_json
    from ..publish.proof_page import proof_page
    from ..fsutil import write_bytes

    paths = list(seeds) or sorted(Path("seeds").glob("*.txt"))
    if not paths:
        raise click.UsageError("no SEED given and no seeds/*.txt here")
    progress = None if quiet or as_json else _progress("Hearing", "heard", "cues")
    proofs, missing = run(paths, _config(voices_path), out, _cache_dir(), progress)
    worst = 0.0
    for p in proofs:
        page = p.folder / "proof.html"
        write_bytes(page, proof_page(p.slug, p.title, f"{p.slug}.mp3", p.language, p.speakers(), p.flagged(),
                                     list(p.skipped)))
        worst = max([worst, *(s.rate for s in p.speakers())])
        if as_json:
            continue
        before = len(p.cues) - p.heard_now
        click.echo(f"{p.slug}: {len(p.cues)} cues heard" + (f" ({before} as heard before)" if before else "")
                   + f"; {len(p.flagged())} flagged; {page}")
        for s in p.speakers():
            click.echo(f"  {s.speaker:<16} {s.cues:>4} cues  {s.flagged:>3} flagged  error rate {100 * s.rate:.1f}%")
        shown = p.flagged()[:0 if quiet else 5]
        for c in shown:
            click.echo(f"  ! {c.clock} ({c.chapter_title}) {c.speaker}: {c.text}")
            click.echo(f"    heard: {c.heard}")
            for line in c.lexicon:
                click.echo(f"    the lexicon makes it say other words: {line}")
            for line in c.suggestions():
                click.echo(f"    lexicon: {line}")
        if len(p.flagged()) > len(shown):
            click.echo(f"  … {len(p.flagged()) - len(shown)} more flagged cues in {page}")
        for reason in p.skipped:
            click.echo(f"  not compared: {reason}")
    if as_json:
        click.echo(json.dumps(report_json(proofs), ensure_ascii=False, indent=1))
    for m in missing:
        click.echo(f"not proofed: {m}", err=True)
    if fail_over is not None and worst > fail_over:
        click.echo(f"a speaker's error rate, {100 * worst:.1f}%, is over {100 * fail_over:.1f}%", err=True)
        sys.exit(2)
