"""The text: cleaning (repair, lines, clean), near-duplicates, governance cases and their headings,
places (gazetteer, placing), terms and tokens."""
