"""Command line. The only place where errors become messages and exit codes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..config import DEFAULT_PORT
from ..errors import KkaudioError
from .show import echo_cast, flow
from .show import read_as_text as read_as_text_of

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
    "--voices", "voices_path", type=click.Path(path_type=Path),
    help="The show, engines, default cast, pauses and lexicon [default: ./voices.yaml if there is one, "
         "else built-in defaults].",
)


def _config(voices_path: Path | None):
    """voices.yaml as given; ./voices.yaml if there is one; otherwise the built-in defaults."""
    from ..config import default_config, load_config

    if voices_path is None:
        if not Path(DEFAULT_VOICES).exists():
            return default_config()
        voices_path = Path(DEFAULT_VOICES)
    return load_config(voices_path)


@cli.command()
@click.argument("seed", type=click.Path(path_type=Path))
@voices_option
@click.option("--explain", is_flag=True, help="Instead of the JSON, list every line left out and why.")
def script(seed: Path, voices_path: Path | None, explain: bool) -> None:
    """Print the dialogue SEED parses into, as JSON; the cast it found goes to stderr."""
    from ..pipeline.inputs import read_script

    parsed = read_script(seed, _config(voices_path))
    echo_cast(parsed, seed)
    if explain:
        click.echo(f"{seed}: read as {parsed.source}; {parsed.label_style}")
        for d in parsed.dropped:
            click.echo(f"{seed}:{parsed.where(d.line)}: dropped ({d.reason}): {d.text}")
        read_as_text = read_as_text_of(parsed)
        for ignored in parsed.ignored_labels:
            read = "read as text" if ignored in read_as_text else "left out"
            click.echo(f"{seed}:{parsed.where(ignored.line)}: not a label, {read}: {ignored.label!r} ({ignored.reason})")
        if not parsed.dropped and not parsed.ignored_labels:
            click.echo(f"{seed}: nothing left out")
        return
    click.echo(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("seeds", nargs=-1, type=click.Path(path_type=Path))
@click.option("--engine", help="Speech engine (default: voices.yaml's `engine`).")
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Output folder.")
@click.option("--base-url", help="Where the output will be served; absolute URLs in the feed start with it.")
@voices_option
@click.option("--jobs", type=click.IntRange(1, 64),
              help="Parallel work: requests in flight to an online engine (edge: 4); at most this many "
                   "clips spoken at once by a local one (kokoro: as many lanes as the cores allow); "
                   "chapters encoded (2).")
@click.option("--chapters", "chapter_spec", metavar="LIST",
              help="Preview: render only these chapters, e.g. 1,9 or 0-3 (0 is the introduction).")
@click.option("--cluster", metavar="ADDRESS", envvar="KKAUDIO_CLUSTER",
              help="Synthesise on a Ray cluster: ray://HOST:10001, HOST:PORT, auto, or local "
                   "(needs the cluster extra) [env: KKAUDIO_CLUSTER].")
@click.option("--shared-cache", is_flag=True,
              help="With --cluster: the clip cache is a shared folder (NFS) at the same path on every "
                   "machine; workers write clips into it directly.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def render(seeds: tuple[Path, ...], engine: str | None, out: Path, base_url: str | None, voices_path: Path,
           jobs: int | None, chapter_spec: str | None, cluster: str | None, shared_cache: bool,
           quiet: bool) -> None:
    """Render SEEDS (default: seeds/*.txt) into MP3s, transcripts and a feed in --out."""
    from ..pipeline.render import RenderOptions, parse_chapters, render as run

    config = _config(voices_path)
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
    if shared_cache and not cluster:
        raise click.UsageError("--shared-cache is for --cluster renders")
    options = RenderOptions(out=out, cache_dir=_cache_dir(), engine=engine, base_url=base_url, jobs=jobs,
                            chapters=chapters, cluster=cluster or None, shared_cache=shared_cache)
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


def _progress(label: str = "Synthesising", done_word: str = "synthesised", unit: str = "clips"):
    """A bar with ETA on a terminal; a line every 10% in a pipe or log."""
    state: dict = {"bar": None, "shown": -1}
    tty = sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        if total == 0:
            return
        if tty:
            if state["bar"] is None:
                state["bar"] = click.progressbar(length=total, label=label, show_eta=True, file=sys.stderr)
                state["bar"].__enter__()
            bar = state["bar"]
            bar.update(done - bar.pos)
            if done == total:
                bar.__exit__(None, None, None)
        else:
            tenth = done * 10 // total
            if tenth != state["shown"]:
                state["shown"] = tenth
                click.echo(f"{done_word} {done}/{total} {unit}", err=True)

    return update


@cli.command()
@click.argument("seed", type=click.Path(path_type=Path))
@voices_option
@click.option("--force", is_flag=True, help="Write the sidecar again even if there is one (your edits go).")
@click.option("--starter", is_flag=True, help="Also write a starter voices.yaml here, if there is none.")
def init(seed: Path, voices_path: Path | None, force: bool, starter: bool) -> None:
    """Write SEED's cast (labels, names, roles, voices) to SEED.yaml beside it, to edit."""
    from ..casting.sidecar import cast_yaml, starter_yaml
    from ..engines.base import engine_class, engine_names
    from ..fsutil import write_bytes
    from ..config import sidecar_path
    from ..pipeline.inputs import read_cast

    config = _config(voices_path)
    path = sidecar_path(seed)
    if path.exists() and not force:
        raise click.UsageError(f"{path} exists: edit it, or pass --force to write it again from the transcript")
    engines = [engine_class(n) for n in engine_names() if n in ("kokoro", "espeak", "edge")]
    parsed, monologue = read_cast(seed, config)  # a file that names nobody: one voice reads it all
    echo_cast(parsed, seed)
    write_bytes(path, cast_yaml(parsed, engines, seed.name, reads_all=monologue).encode("utf-8"))
    click.echo(f"wrote {path}: edit it, then kkaudio script {seed} / kkaudio render {seed}")
    if starter:
        target = Path(DEFAULT_VOICES)
        if target.exists():
            click.echo(f"{target} exists; left as it is")
        else:
            write_bytes(target, starter_yaml(parsed).encode("utf-8"))
            click.echo(f"wrote {target}: the show's title, engine, pauses and lexicon")


@cli.command()
@click.option("--engine", help="The engine whose voices to list (default: every engine).")
def voices(engine: str | None) -> None:
    """List the voices an engine offers: its pool for speakers nobody configured, and the rest."""
    from ..engines.base import engine_class, engine_names

    names = [engine] if engine else engine_names()
    for name in names:
        cls = engine_class(name)
        click.echo(f"{name}: {cls.summary}")
        pool = cls.voice_pool()
        if pool:
            click.echo("  pool (given to speakers with no voice configured):")
            for v in pool:
                settings = flow(v.settings)
                note = f"  ({v.note})" if v.note else ""
                click.echo(f"    {v.name:<24} {v.gender:<6} {'/'.join(v.languages):<22} {settings}{note}")
        try:
            listed = cls.list_voices()
        except KkaudioError as exc:
            click.echo(f"  ({exc})")
            continue
        if listed:
            click.echo("  all voices:")
            for v in listed:
                click.echo(f"    {v}")


@cli.command()
@click.argument("text")
@click.option("--voice", help="A pool voice (`kkaudio voices`) or a voice block: '{style: jf_alpha, formant: 1.1}'.")
@click.option("--speaker", help="A speaker of voices.yaml (id, name or label), in the voice it has there.")
@click.option("--engine", help="Speech engine (default: voices.yaml's `engine`).")
@click.option("--out", "-o", default="say.mp3", show_default=True, type=click.Path(path_type=Path),
              help="The file to write: .mp3 or .wav.")
@voices_option
def say(text: str, voice: str | None, speaker: str | None, engine: str | None, out: Path,
        voices_path: Path | None) -> None:
    """Say TEXT in one voice, to hear a voice or a pronunciation before a long render."""
    from ..pipeline.say import say as run

    config = _config(voices_path)
    said = run(text, out, config, engine or config.engine, _cache_dir(), voice=voice, speaker=speaker)
    made = f"{said.synthesised} of {said.clips} clips made" if said.synthesised else "all clips from the cache"
    click.echo(f"Wrote {said.path} ({said.seconds:.1f} s of audio, voice {said.voice}; {made}, {said.wall_s:.1f} s)")


@cli.command()
@click.option("--out", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="The folder `render` wrote.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: 0.0.0.0 lets a phone on the same network listen.")
def serve(out: Path, port: int, host: str) -> None:
    """Serve the podcast's pages, feeds and audio (with HTTP Range, so players can seek)."""
    from ..publish.serve import feed_urls, lan_address, serve as run

    def ready() -> None:
        shown = lan_address() if host in ("0.0.0.0", "::") else host
        urls = feed_urls(port, shown)
        click.echo(f"Serving {out} on http://{shown}:{port}/ (Ctrl-C to stop)")
        click.echo(f"Listen in a browser: http://{shown}:{port}/   Subscribe in an app: {urls[0]}")
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"Anyone on the networks this machine is on can reach it now, not only you ({host}).")
        if port != DEFAULT_PORT or shown != "127.0.0.1":
            click.echo(f"Render with --base-url http://{shown}:{port} so the feed's URLs point here.")

    run(out, port, ready, host)


from . import checks  # noqa: E402,F401  (kkaudio readings and kkaudio proof, registered on `cli`)


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
