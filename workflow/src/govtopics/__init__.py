"""govtopics: compare local models of grassroots governance in China by what their texts say.

The library is plain functions over plain data, one module per pipeline stage; the Snakemake
rules in ``workflow/rules`` only name files and call into it.
"""

__version__ = "0.1.0"
