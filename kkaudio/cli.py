"""Command line. The only place where errors become messages and exit codes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import KkaudioError

DEFAULT_VOICES = "voices.yaml"
DEFAULT_OUT = "episodes"


def _cache_dir() -> Path:
    env = os.environ.get("KKAUDIO_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("kkaudio")) / "clips"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kkaudio")
def cli() -> None:
    """Turn an interview transcript into a podcast: voices, chapters, MP3s and a feed."""


voices_option = click.option(
    "--voices", "voices_path", default=DEFAULT_VOICES, show_default=True, type=click.Path(path_type=Path),
    help="Speakers, voices, pauses and lexicon.",
)


@cli.command()
@click.argument("seed", type=click.Path(path_type=Path))
@voices_option
def script(seed: Path, voices_path: Path) -> None:
    """Print the dialogue SEED parses into, as JSON."""
    from .config import load_config
    from .transcript import load_script

    config = load_config(voices_path)
    doc = load_script(seed, config).to_json()
    click.echo(json.dumps(doc, ensure_ascii=False, indent=2))


@cli.command()
@click.argument("seeds", nargs=-1, type=click.Path(path_type=Path))
@click.option("--engine", help="Speech engine (default: voices.yaml's `engine`).")
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Output folder.")
@click.option("--base-url", help="Where the output will be served; absolute URLs in the feed start with it.")
@voices_option
@click.option("--jobs", type=click.IntRange(1, 16),
              help="Parallel work: requests to an online engine (edge: 4), chapters encoded (2).")
@click.option("--chapters", "chapter_spec", metavar="LIST",
              help="Preview: render only these chapters, e.g. 1,9 or 0-3 (0 is the introduction).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def render(seeds: tuple[Path, ...], engine: str | None, out: Path, base_url: str | None, voices_path: Path,
           jobs: int | None, chapter_spec: str | None, quiet: bool) -> None:
    """Render SEEDS (default: seeds/*.txt) into MP3s, transcripts and a feed in --out."""
    from .config import load_config
    from .render import RenderOptions, parse_chapters, render as run

    config = load_config(voices_path)
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an absolute http(s) URL", param_hint="--base-url")
    paths = list(seeds) or sorted(Path("seeds").glob("*.txt"))
    if not paths:
        raise click.UsageError("no SEED given and no seeds/*.txt here")
    chapters = None
    if chapter_spec is not None:
        try:
            chapters = parse_chapters(chapter_spec)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--chapters") from None
    options = RenderOptions(out=out, cache_dir=_cache_dir(), engine=engine, base_url=base_url, jobs=jobs,
                            chapters=chapters)
    progress = None if quiet else _progress()
    log = (lambda _m: None) if quiet else (lambda m: click.echo(m, err=True))
    try:
        summary = run(paths, config, options, progress=progress, log=log)
    except KeyboardInterrupt:
        click.echo("\nInterrupted: every finished clip is cached; render again to resume.", err=True)
        sys.exit(130)
    if not quiet:
        click.echo(summary.line())
        if chapters is not None:
            click.echo(f"Preview: the episode and feeds hold only chapters {', '.join(map(str, sorted(chapters)))}; "
                       "render without --chapters for the whole episode.")


def _progress():
    """A bar with ETA on a terminal; a line every 10% in a pipe or log."""
    state: dict = {"bar": None, "shown": -1}
    tty = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        if total == 0:
            return
        if tty:
            if state["bar"] is None:
                state["bar"] = click.progressbar(length=total, label="Synthesising", show_eta=True,
                                                 file=sys.stderr)
                state["bar"].__enter__()
            bar = state["bar"]
            bar.update(done - bar.pos)
            if done == total:
                bar.__exit__(None, None, None)
        else:
            tenth = done * 10 // total
            if tenth != state["shown"]:
                state["shown"] = tenth
                click.echo(f"synthesised {done}/{total} clips", err=True)

    return update


@cli.command()
@click.option("--engine", help="The engine whose voices to list (default: every engine).")
def voices(engine: str | None) -> None:
    """List the voices an engine offers."""
    from .engines.base import engine_class, engine_names

    names = [engine] if engine else engine_names()
    for name in names:
        cls = engine_class(name)
        click.echo(f"{name}: {cls.summary}")
        for v in cls.list_voices():
            click.echo(f"  {v}")


@cli.command()
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="The folder `render` wrote.")
@click.option("--port", default=8008, show_default=True, type=click.IntRange(1, 65535))
def serve(out: Path, port: int) -> None:
    """Serve the podcast on 127.0.0.1 (with HTTP Range, so players can seek)."""
    from .serve import feed_urls, serve as run

    def ready() -> None:
        urls = feed_urls(port)
        click.echo(f"Serving {out} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        click.echo(f"Subscribe to {urls[0]}  (chapters as a serial show: {urls[1]})")
        if port != 8008:
            click.echo(f"Render with --base-url http://127.0.0.1:{port} so the feed's URLs point here.")

    run(out, port, ready)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KkaudioError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
