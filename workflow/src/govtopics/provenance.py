"""What an output rests on: the config, the checksum of every input file, the software versions."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from .io import sha256_file

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
    "datasketch",
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


def record(config: dict, inputs: list[str | Path]) -> dict:
    return {
        "config": config,
        "inputs": input_checksums(inputs),
        "software": software_versions(),
        "platform": f"{platform.system()} {platform.machine()}",
    }
