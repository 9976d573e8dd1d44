"""The presentation wing: what a researcher reads and cites, made from the stages' tables: the
report and its sections (report, report_page, summary, reading), the methods paragraph and its
references, the explorer, the workbook, the figures, the reuse page, and the catalogue of outputs.
Every word it shows comes from one catalogue per language (``words/<language>.toml``, read by
:func:`govtopics.presentation.words.say`), and the stages' reason codes are said in words by
:mod:`govtopics.presentation.reasons`. Nothing here computes a finding; every number comes from a
table a stage wrote."""
