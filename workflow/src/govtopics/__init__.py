"""govtopics: compare local models of grassroots governance in China by what their texts say.

The library is plain functions over plain data, one module per pipeline stage; the Snakemake
rules in ``workflow/rules`` only name files and call into it.
"""

from importlib.metadata import PackageNotFoundError, version

try:  # the version has one home, pyproject.toml (calendar versions: year.month.release)
    __version__ = version("govtopics")
except PackageNotFoundError:  # (run from the source folder without installing)
    __version__ = "unknown"
