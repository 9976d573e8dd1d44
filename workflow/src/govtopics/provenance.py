"""What an output rests on: the config, the checksum of every input file, the software versions."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from .reading.io import sha256_file

PACKAGES = [
    "govtopics",
    "snakemake",
    "jieba",
    "scikit-learn",
    "gensim",
    "tomotopy",
    "matplotlib",
    "opencc",
    "trafilatura",
    "mplfonts",
    "numpy",
    "scipy",
    "pandas",
    "jsonschema",
    "pyyaml",
]


def software_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def input_checksums(paths: list[str | Path]) -> list[dict]:
    return [
        {"file": str(p), "bytes": Path(p).stat().st_size, "sha256": sha256_file(p)} for p in sorted(map(str, paths))
    ]


def code_commit(folder: str | Path = ".") -> dict:
    """The git commit of the code that ran, and whether its tree had changes not committed
    (``{"commit": "", "dirty": None}`` outside a git checkout or without git)."""
    import subprocess

    def git(*args):
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)

    try:
        head = git("rev-parse", "HEAD")
        if head.returncode != 0:
            return {"commit": "", "dirty": None}
        status = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.TimeoutExpired):
        return {"commit": "", "dirty": None}
    return {"commit": head.stdout.strip(), "dirty": bool(status.stdout.strip())}


def record(config: dict, inputs: list[str | Path], code: dict | None = None) -> dict:
    """What an output rests on; ``code``: :func:`code_commit` of the workflow's folder."""
    return {
        "config": config,
        "inputs": input_checksums(inputs),
        "software": software_versions(),
        "code": code if code is not None else code_commit(),
        "platform": f"{platform.system()} {platform.machine()}",
    }
