"""The presentation wing: what a researcher reads and cites, made from the stages' tables: the
report and its sections (report, report_page, summary, reading), the methods paragraph and its
references, the explorer, the workbook, the figures, the reuse page, and the catalogue of outputs.
Nothing here computes a finding; every number comes from a table a stage wrote."""
