"""Can `pip install .` succeed on every Python the project says it supports?

For each version in pyproject.toml's classifiers, pip resolves the runtime dependencies as a
user on that version would get them (`--python-version`, wheels only), and this fails if any
has no installable distribution. A package that ships only an sdist (ngender, say) is checked
through its own Requires-Python and, if it is pure Python, built into a local wheel so the
resolution can go on past it.

pip evaluates environment markers against the interpreter running it, not the target version,
so the direct dependencies' markers are evaluated here for each target (audioop-lts is only
for 3.13 and newer); markers deeper in the tree follow the running interpreter.

Usage: python .ci/check_pythons.py [--versions 3.10,3.14]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
NO_MATCH = re.compile(r"No matching distribution found for (\S+)")
# A dependency of a dependency with no wheel shows up as a conflict naming it instead.
NO_MATCH_DEEP = re.compile(r"no matching distributions available for your environment:\s*\n\s+(\S+)")


def project() -> tuple[list[str], list[str], str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    versions = [m.group(1) for c in meta.get("classifiers", [])
                if (m := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", c))]
    return meta["dependencies"], versions, meta["requires-python"]


def for_version(deps: list[str], version: str) -> list[str]:
    """The dependencies a user on `version` installs, markers evaluated for that version."""
    env = default_environment() | {"python_version": version, "python_full_version": version + ".0"}
    out = []
    for dep in deps:
        req = Requirement(dep)
        if req.marker is None or req.marker.evaluate(env):
            req.marker = None
            out.append(str(req))
    return out


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True)


def sdist_requires_python(requirement: str, work: Path) -> tuple[Path | None, str]:
    """Download the sdist that `requirement` would install; return it and its Requires-Python."""
    dest = Path(tempfile.mkdtemp(dir=work))
    result = pip("download", "--no-deps", "--no-binary", ":all:", "-d", str(dest),
                 requirement)
    sdists = list(dest.iterdir())
    if result.returncode != 0 or not sdists:
        return None, ""
    sdist = sdists[0]
    if sdist.suffix == ".zip":
        with zipfile.ZipFile(sdist) as z:
            name = next(n for n in z.namelist() if n.count("/") == 1 and n.endswith("/PKG-INFO"))
            info = z.read(name).decode()
    else:
        with tarfile.open(sdist) as t:
            member = next(m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO"))
            info = t.extractfile(member).read().decode()
    return sdist, HeaderParser().parsestr(info).get("Requires-Python", "")


def check(version: str, deps: list[str], wheelhouse: Path, work: Path) -> list[str]:
    """Problems for `version` (empty: every dependency resolves to something installable)."""
    problems: list[str] = []
    tried: set[str] = set()
    while True:
        result = pip("install", "--dry-run", "--ignore-installed", "--target", str(work / "target"),
                     "--python-version", version, "--only-binary=:all:", "--find-links", str(wheelhouse),
                     *for_version(deps, version))
        if result.returncode == 0:
            return problems
        output = result.stdout + result.stderr  # pip explains conflicts on stdout
        m = NO_MATCH.search(output) or NO_MATCH_DEEP.search(output)
        if m is None:
            return problems + [result.stderr.strip().splitlines()[-1]]
        requirement = m.group(1)
        name = Requirement(requirement).name
        if name in tried:
            return problems + [f"{requirement}: no wheel, and its sdist did not build into one"]
        tried.add(name)
        sdist, requires = sdist_requires_python(requirement, work)
        if sdist is None:
            return problems + [f"{requirement}: no distribution at all for Python {version}"]
        if requires and not SpecifierSet(requires).contains(version + ".0"):
            return problems + [f"{requirement}: its sdist {sdist.name} needs Python {requires}"]
        built = pip("wheel", "--no-deps", "-w", str(wheelhouse), str(sdist))
        if built.returncode != 0 or not any(w.name.endswith("-none-any.whl") for w in wheelhouse.iterdir()
                                            if w.name.lower().startswith(name.lower().replace("-", "_"))):
            return problems + [f"{requirement}: sdist only, and not a pure-Python package ({sdist.name})"]
        print(f"  {version}: {name} is sdist only (Requires-Python {requires or 'any'}): built a pure wheel")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", help="comma-separated, default: the classifiers in pyproject.toml")
    args = parser.parse_args()
    deps, classified, requires_python = project()
    versions = args.versions.split(",") if args.versions else classified
    if not versions:
        print("pyproject.toml lists no 'Programming Language :: Python :: 3.N' classifiers", file=sys.stderr)
        return 1
    failed = False
    for v in classified:
        if not SpecifierSet(requires_python).contains(v + ".0"):
            print(f"Python {v} is in the classifiers but not in requires-python {requires_python}")
            failed = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheelhouse = work / "wheelhouse"
        wheelhouse.mkdir()
        for version in versions:
            problems = check(version, deps, wheelhouse, work)
            print(f"Python {version}: " + ("every runtime dependency installs" if not problems else "FAILS"))
            for p in problems:
                print(f"  {p}")
            failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
